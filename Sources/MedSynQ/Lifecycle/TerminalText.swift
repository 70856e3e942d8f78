/// Text from users or archives made safe to print on an operator's terminal.
///
/// Organisation names come from a sign-up form and entry names from archives
/// that may be hostile; either could hold escape sequences that rewrite what a
/// terminal shows. Control and format characters are shown as `\u{…}` escapes,
/// and long text is cut.
public enum TerminalText {
    /// `text` with control and format characters escaped, at most `limit`
    /// characters, and an ellipsis where it was cut.
    public static func escaped(_ text: String, limit: Int = 80) -> String {
        var result = ""
        for character in text.prefix(limit) {
            let isControl = character.unicodeScalars.contains {
                [.control, .format].contains($0.properties.generalCategory)
            }
            result += isControl
                ? character.unicodeScalars.map { "\\u{\(String($0.value, radix: 16))}" }.joined()
                : String(character)
        }
        return text.count > limit ? result + "…" : result
    }

    /// `escaped(text)` in double quotes.
    public static func quoted(_ text: String, limit: Int = 80) -> String {
        "\"\(escaped(text, limit: limit))\""
    }
}
