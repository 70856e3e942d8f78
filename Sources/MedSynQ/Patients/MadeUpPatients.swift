import Foundation

/// Invented patients that look like a small clinic's records, for demonstrations
/// and benchmarks. Every name and note is made up; none belongs to a real person.
struct MadeUpPatients {
    private var generator = SystemRandomNumberGenerator()

    /// The next invented patient, valid by `PatientDraft`'s rules.
    mutating func next() -> PatientDraft.Valid {
        let given = Self.givenNames.randomElement(using: &generator)!
        let family = Self.familyNames.randomElement(using: &generator)!
        let year = Int.random(in: 1932...2022, using: &generator)
        let month = Int.random(in: 1...12, using: &generator)
        let day = Int.random(in: 1...28, using: &generator)
        let notes = Bool.random(using: &generator)
            ? Self.notes.randomElement(using: &generator)! : ""
        return PatientDraft.Valid(
            name: "\(given) \(family)",
            dateOfBirth: String(format: "%04d-%02d-%02d", year, month, day), notes: notes)
    }

    /// An invented person's full name, such as a clinic's admin might have.
    mutating func personName() -> String {
        let given = Self.givenNames.randomElement(using: &generator)!
        let family = Self.familyNames.randomElement(using: &generator)!
        return "\(given) \(family)"
    }

    private static let givenNames = [
        "Amara", "Bram", "Carys", "Dario", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas",
        "Kaia", "Leon", "Mireille", "Nikolai", "Oona", "Pavel", "Quinn", "Rosalind", "Sami",
        "Tamsin", "Ulrich", "Vesna", "Wren", "Xavi", "Yara", "Zeno", "Aoife", "Bilal", "Chiara",
        "Desmond", "Esme", "Florin", "Gwen", "Hamid", "Isolde", "Joaquin", "Lior", "Maren",
    ]

    private static let familyNames = [
        "Abernethy", "Blackwood", "Castellano", "Dunmore", "Eriksen", "Fairweather", "Galloway",
        "Hollins", "Ivanova", "Jankowski", "Kettering", "Lindqvist", "Marchetti", "Northcott",
        "Okonkwo", "Pemberton", "Quarles", "Rasmussen", "Sandoval", "Thistlewood", "Underhill",
        "Valcourt", "Whitlock", "Yardley", "Zielinski", "Ashdown", "Brennagh", "Corriveau",
    ]

    private static let notes = [
        "Allergic to penicillin.",
        "Follow-up for blood pressure in six weeks.",
        "Type 2 diabetes, diet controlled.",
        "Prefers morning appointments.",
        "Asthma: reliever inhaler as needed.",
        "Seasonal hay fever.",
        "Needs an interpreter for appointments.",
        "Annual flu vaccination due in October.",
        "Knee replacement last year; physiotherapy finished.",
        "No known allergies.",
    ]
}
