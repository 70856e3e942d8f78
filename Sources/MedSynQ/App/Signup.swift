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
        errors["organisation"] = TextRules.problem(
            with: tenantName, what: "your organisation's name", limit: 100)
        self.errors = errors
    }

    var values: AccountPages.SignupValues {
        .init(tenantName: tenantName, name: name, email: email)
    }
}
