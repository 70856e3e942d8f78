import Foundation
import HTTPServer

/// The login form, read.
struct LoginAttempt {
    let tenantName: String
    let email: String
    let password: String

    init(form: Form) {
        tenantName = form["organisation"] ?? ""
        email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
        password = form["password"] ?? ""
    }

    /// True when every field has something in it.
    var isComplete: Bool {
        !Tenant.lookupKey(for: tenantName).isEmpty && !email.isEmpty && !password.isEmpty
    }

    /// Failed logins are counted per organisation and email.
    var throttleKey: String {
        Tenant.lookupKey(for: tenantName) + "\n" + email.lowercased()
    }

    /// What the form shows again; never the password.
    var values: AccountPages.LoginValues {
        .init(tenantName: tenantName, email: email)
    }
}
