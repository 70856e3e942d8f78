/// Checks on text that people type into MedSynQ's forms.
enum TextRules {
    /// Why `text`, a required field called `what` on screen, cannot be kept: it is
    /// empty, longer than `limit` characters, or hides characters. Nil when it is fine.
    static func problem(with text: String, what: String, limit: Int) -> String? {
        if text.isEmpty { return "Enter \(what)." }
        let subject = what.capitalisedFirst
        if text.count > limit { return "\(subject) is longer than \(limit) characters." }
        if hasInvisibleCharacters(text) { return "\(subject) contains invisible characters." }
        return nil
    }

    /// True when `text` holds control or formatting characters (NUL, escape codes,
    /// zero-width spaces, direction overrides) that would make two names look the
    /// same or hide part of a value. Line breaks and tabs count when `allowingLines`
    /// is false.
    static func hasInvisibleCharacters(_ text: String, allowingLines: Bool = false) -> Bool {
        text.unicodeScalars.contains { scalar in
            if allowingLines, scalar == "\n" || scalar == "\r" || scalar == "\t" { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}

extension String {
    /// The text with its first letter in upper case, for the start of a sentence.
    fileprivate var capitalisedFirst: String {
        prefix(1).uppercased() + dropFirst()
    }
}
