import Foundation
import TestSupport

/// A person using MedSynQ through its pages: signs up, logs in, adds patients.
final class Visitor {
    let client: HTTPClient

    init(port: Int) {
        client = HTTPClient(port: port)
    }

    /// The CSRF token of the last form on `body`.
    static func csrfToken(in body: String) -> String? {
        guard let range = body.range(
            of: "name=\"csrf_token\" value=\"", options: .backwards) else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Fills in and sends the Create Organisation form.
    @discardableResult
    func signUp(
        organisation: String, name: String = "Dana Example", email: String,
        password: String = "correct-horse-battery"
    ) throws -> HTTPResponse {
        let form = try client.get("/signup")
        return try client.post("/signup", form: [
            ("csrf_token", Self.csrfToken(in: form.body) ?? ""), ("organisation", organisation),
            ("name", name), ("email", email), ("password", password),
        ])
    }

    @discardableResult
    func logIn(organisation: String, email: String, password: String) throws -> HTTPResponse {
        let form = try client.get("/login")
        return try client.post("/login", form: [
            ("csrf_token", Self.csrfToken(in: form.body) ?? ""), ("organisation", organisation),
            ("email", email), ("password", password),
        ])
    }

    @discardableResult
    func addPatient(name: String, dateOfBirth: String, notes: String = "") throws -> HTTPResponse {
        let dashboard = try client.get("/patients")
        return try client.post("/patients", form: [
            ("csrf_token", Self.csrfToken(in: dashboard.body) ?? ""), ("name", name),
            ("date_of_birth", dateOfBirth), ("notes", notes),
        ])
    }

    /// The dashboard's HTML.
    func dashboard() throws -> HTTPResponse {
        try client.get("/patients")
    }

    /// The ids linked from the dashboard's patient table.
    func patientIDs() throws -> [Int] {
        let body = try dashboard().body
        return body.components(separatedBy: "href=\"/patients/").dropFirst()
            .compactMap { Int($0.prefix { $0.isNumber }) }
    }
}
