import Foundation

/// Names of the files the lifecycle commands create.
///
/// Nothing a user typed reaches a path unfiltered: organisation names are cut
/// down to ASCII letters, digits and dashes first.
enum FileName {
    /// The file name of a backup archive of organisation `name` taken at `date`,
    /// such as "St-Anne-s-Clinic-20261203T154920Z.tar.gz".
    static func archive(for name: String, at date: Date) -> String {
        "\(safe(name))-\(stamp(date)).tar.gz"
    }

    /// `date` in UTC to the second, without the colons that `tar` would read as
    /// a remote host name, such as "20261203T154920Z".
    static func stamp(_ date: Date) -> String {
        UTCTime.text(date, dateSeparator: "", timeSeparator: "")
    }

    /// `name` with accents folded away, every run of other characters turned
    /// into one dash, and at most 60 characters.
    static func safe(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var result = ""
        for scalar in folded.unicodeScalars.prefix(240) {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        let trimmed = String(result.prefix(60)).trimmingCharacters(in: ["-"])
        return trimmed.isEmpty ? "organisation" : trimmed
    }
}
