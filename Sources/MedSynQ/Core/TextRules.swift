/// Checks on text that people type into MedSynQ's forms.
enum TextRules {
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
