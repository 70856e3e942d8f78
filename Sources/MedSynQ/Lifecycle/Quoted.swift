/// `text` in double quotes for an operator's terminal, with control characters
/// escaped and at most `limit` characters kept, so that a name from a hostile
/// archive or a sign-up form cannot rewrite what the terminal shows.
public func quoted(_ text: String, limit: Int = 80) -> String {
    var result = "\""
    for character in text.prefix(limit) {
        let isControl = character.unicodeScalars.contains {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
        }
        result += isControl
            ? character.unicodeScalars.map { "\\u{\(String($0.value, radix: 16))}" }.joined()
            : String(character)
    }
    return result + (text.count > limit ? "…\"" : "\"")
}
