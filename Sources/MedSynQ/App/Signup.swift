import Foundation
import HTTPServer

/// The Create Organisation form, read and checked.
struct Signup {
    let tenantName: String
    let name: String
    let email: String
    let password: String
    let errors: FieldErrors

    static let nameTakenMessage =
        "An organisation with this name already exists. Choose another name."


    init(form: Form) {
        tenantName = (form["organisation"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        email = (form["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        password = form["password"] ?? ""

        var errors = FieldErrors()
        if Tenant.lookupKey(for: tenantName).isEmpty {
            errors["organisation"] = "Enter your organisation's name."
        } else if tenantName.count > 100 {
            errors["organisation"] = "The organisation name is longer than 100 characters."
        } else if TextRules.hasInvisibleCharacters(tenantName) {
            errors["organisation"] = "The organisation name contains invisible characters."
        }
        if name.isEmpty {
            errors["name"] = "Enter your name."
        } else if name.count > 100 {
            errors["name"] = "Your name is longer than 100 characters."
        } else if TextRules.hasInvisibleCharacters(name) {
            errors["name"] = "Your name contains invisible characters."
        }
        if !Self.isPlausibleEmail(email) {
            errors["email"] = "Enter an email address such as name@example.org."
        }
        if password.count < 10 {
            errors["password"] = "Choose a password of at least 10 characters."
        } else if password.utf8.count > 1_000 {
            errors["password"] = "The password is longer than 1,000 characters."
        }
        self.errors = errors
    }

    var values: AccountPages.SignupValues {
        .init(tenantName: tenantName, name: name, email: email)
    }

    /// One "@" with text on both sides, a dot in the domain, and no spaces.
    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty,
              parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.contains(where: { $0.isWhitespace })
        else { return false }
        return true
    }
}
