import Foundation
import HTTPServer
import SQLite

extension App {
    /// GET /staff: who can log in to the organisation; admins also get a form to
    /// add someone.
    func showStaff(_ request: Request, context: inout RequestContext) throws -> Response {
        try withSession(request, context: &context) { signedIn in
            let notice = request.query["added"] == "1" ? "Staff member added." : nil
            return try staffPage(signedIn, values: .init(), errors: .init(), notice: notice)
        }
    }

    /// POST /staff: an admin adds a member of staff with a first password.
    func addStaff(_ request: Request, context: inout RequestContext) throws -> Response {
        let form = try readForm(request)
        let values = StaffPages.Values(
            name: (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            email: (form["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        let password = form["password"] ?? ""
        // Checked and hashed before the shard is leased: hashing takes ~100 ms.
        let errors = AccountRules.problems(
            name: values.name, email: values.email, password: password)
        let passwordHash = errors.isEmpty ? try Credentials.hashPassword(password) : nil
        return try withSession(request, form: form, context: &context) { signedIn in
            guard signedIn.session.user.isAdmin else { throw HTTPError.adminOnly }
            guard let passwordHash else {
                return try staffPage(signedIn, values: values, errors: errors, status: 422)
            }
            do {
                _ = try UserStore(connection: signedIn.shard.connection).add(
                    name: values.name, email: values.email, passwordHash: passwordHash,
                    isAdmin: false)
            } catch let error as SQLiteError where error.isUniqueViolation {
                let taken = FieldErrors(["email": "Someone on the staff has this email already."])
                return try staffPage(signedIn, values: values, errors: taken, status: 422)
            }
            return .redirect(to: "/staff?added=1")
        }
    }

    private func staffPage(
        _ signedIn: SignedIn, values: StaffPages.Values, errors: FieldErrors,
        notice: String? = nil, status: Int = 200
    ) throws -> Response {
        let staff = try UserStore(connection: signedIn.shard.connection).all()
        let page = StaffPages.staff(
            account: signedIn.account, staff: staff, canAdd: signedIn.session.user.isAdmin,
            values: values, errors: errors, notice: notice)
        return .html(page.text, status: status)
    }
}
