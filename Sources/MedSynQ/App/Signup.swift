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

        var errors = AccountRules.problems(name: name, email: email, password: password)
        if Tenant.lookupKey(for: tenantName).isEmpty {
            errors["organisation"] = "Enter your organisation's name."
        } else if tenantName.count > 100 {
            errors["organisation"] = "The organisation name is longer than 100 characters."
        } else if TextRules.hasInvisibleCharacters(tenantName) {
            errors["organisation"] = "The organisation name contains invisible characters."
        }
        self.errors = errors
    }

    var values: AccountPages.SignupValues {
        .init(tenantName: tenantName, name: name, email: email)
    }
}
