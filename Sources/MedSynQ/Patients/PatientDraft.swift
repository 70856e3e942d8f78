import Foundation

/// What a user typed into the add-patient form, before it is checked.
struct PatientDraft: Sendable, Equatable {
    var name: String
    var dateOfBirth: String
    var notes: String

    /// A draft whose every field passed its check.
    struct Valid: Sendable {
        let name: String
        let dateOfBirth: String
        let notes: String
    }

    init(name: String = "", dateOfBirth: String = "", notes: String = "") {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.notes = notes
    }

    /// The checked draft, or a message for each field that is wrong.
    func validated(today: Date = .now) -> Result<Valid, FieldErrors> {
        var errors = FieldErrors()
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let notes = notes.trimmingCharacters(in: .whitespacesAndNewlines)
        errors["name"] = TextRules.problem(with: name, what: "the patient's name", limit: 200)
        if let problem = Self.dateOfBirthProblem(dateOfBirth, today: today) {
            errors["date_of_birth"] = problem
        }
        if notes.count > 10_000 {
            errors["notes"] = "The notes are longer than 10,000 characters."
        } else if TextRules.hasInvisibleCharacters(notes, allowingLines: true) {
            errors["notes"] = "The notes contain invisible characters."
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(Valid(name: name, dateOfBirth: dateOfBirth, notes: notes))
    }

    /// Why `text` is not a possible date of birth, or nil when it is one.
    static func dateOfBirthProblem(_ text: String, today: Date) -> String? {
        guard !text.isEmpty else { return "Enter a valid date of birth." }
        guard let date = Self.parse(text) else {
            return "Enter the date of birth as a real date, such as 1984-07-21."
        }
        guard date <= today else { return "The date of birth cannot be in the future." }
        guard date >= earliestDateOfBirth else {
            return "The date of birth cannot be before 1900."
        }
        return nil
    }

    /// Parses YYYY-MM-DD, refusing dates that do not exist such as 2023-02-30.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return date
    }

    private static let earliestDateOfBirth = parse("1900-01-01") ?? .distantPast

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

