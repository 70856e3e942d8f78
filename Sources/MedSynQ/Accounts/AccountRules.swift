/// The checks every new login passes, at sign-up or when an admin adds staff.
enum AccountRules {
    /// Messages for the `name`, `email` and `password` fields that need correcting.
    static func problems(name: String, email: String, password: String) -> FieldErrors {
        var errors = FieldErrors()
        errors["name"] = TextRules.problem(with: name, what: "a name", limit: 100)
        if !isPlausibleEmail(email) {
            errors["email"] = "Enter an email address such as name@example.org."
        }
        if password.count < 10 {
            errors["password"] = "Choose a password of at least 10 characters."
        } else if password.utf8.count > 1_000 {
            errors["password"] = "The password is longer than 1,000 characters."
        }
        return errors
    }

    /// One "@" with text on both sides, a dot in the domain, and no spaces.
    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return email.count <= 254 && parts.count == 2 && !parts[0].isEmpty
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !email.contains(where: { $0.isWhitespace })
            && !TextRules.hasInvisibleCharacters(email)
    }
}
