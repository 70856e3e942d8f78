import Foundation
import TestSupport
import Testing

/// What a server writes survives it, and only what should be is on disk.
@Suite struct PersistenceTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    @Test func sessionsAndPatientsSurviveARestart() throws {
        let first = try ServerProcess(dataFolder: folder.path)
        let visitor = Visitor(port: first.port)
        try visitor.signUp(organisation: "Willow Clinic", email: "wil@example.org")
        try visitor.addPatient(name: "Pat Persistent", dateOfBirth: "1960-12-31")
        let cookie = try #require(visitor.client.cookies["medsynq_session"])
        #expect(first.stop() == 0)

        let second = try ServerProcess(dataFolder: folder.path)
        let returning = HTTPClient(port: second.port)
        returning.cookies["medsynq_session"] = cookie
        let dashboard = try returning.get("/patients")
        #expect(dashboard.status == 200)
        #expect(dashboard.body.contains("Pat Persistent"))
        #expect(dashboard.body.contains("Willow Clinic"))
    }

    @Test func theShardFileExistsAndHoldsNoPassword() throws {
        let password = "a-very-distinctive-password-42"
        let server = try ServerProcess(dataFolder: folder.path)
        let visitor = Visitor(port: server.port)
        try visitor.signUp(
            organisation: "Hazel Clinic", email: "hz@example.org", password: password)
        let cookie = try #require(visitor.client.cookies["medsynq_session"])
        let tenant = String(cookie.split(separator: ".")[0])
        let secret = String(cookie.split(separator: ".")[1])
        #expect(server.stop() == 0)

        let shard = folder.path + "/tenants/\(tenant).sqlite"
        #expect(FileManager.default.fileExists(atPath: shard))
        // Readable by the owner only, whatever the umask of whoever started it.
        for path in [shard, folder.path + "/catalog.sqlite", folder.path + "/tenants"] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
            #expect((mode as? Int).map { $0 & 0o077 } == 0, "\(path) is open to others")
        }
        for path in [shard, shard + "-wal", folder.path + "/catalog.sqlite"] {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            #expect(data.range(of: Data(password.utf8)) == nil)
            #expect(data.range(of: Data(secret.utf8)) == nil)
        }
        #expect(!server.logText.contains(password))
        #expect(!server.logText.contains(secret))
    }

    @Test func theLogHasOneLineARequestAndNoPatientData() throws {
        let server = try ServerProcess(dataFolder: folder.path)
        let visitor = Visitor(port: server.port)
        try visitor.signUp(organisation: "Rowan Clinic", email: "row@example.org")
        try visitor.addPatient(name: "Lou Loggable", dateOfBirth: "1999-09-09", notes: "Secret-ish")
        #expect(server.stop() == 0)

        let lines = server.logText.split(separator: "\n").filter { $0.contains(" request ") }
        // Sign-up and adding a patient are two requests each: the form, then the POST.
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.contains("status=") && $0.contains("route=") })
        for text in ["Lou Loggable", "1999-09-09", "Secret-ish", "row@example.org"] {
            #expect(!server.logText.contains(text))
        }
    }
}
