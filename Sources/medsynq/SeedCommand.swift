import Foundation
import MedSynQ

/// `medsynq seed`: adds organisations with invented patients, for benchmarks and
/// demonstrations.
///
/// With `--sessions FILE` each new organisation's admin is logged in, and FILE
/// gets one line per organisation: the session cookie's value, a space and the
/// session's CSRF token.
struct SeedCommand {
    static let usage = "medsynq seed --tenants N [--patients 50] [--sessions FILE] [--data DIR]"

    let folder: DataFolder
    let tenants: Int
    let patients: Int
    let sessionsPath: String?

    init(_ arguments: Arguments, environment: [String: String]) throws(UsageError) {
        guard arguments.positionals.isEmpty else { throw UsageError("seed takes no words") }
        guard let tenants = try arguments.integer("tenants", in: 1...1_000_000) else {
            throw UsageError("seed needs --tenants N")
        }
        folder = DataFolder(path: dataPath(arguments, environment))
        self.tenants = tenants
        patients = try arguments.integer("patients", in: 0...100_000) ?? 50
        sessionsPath = arguments.value("sessions")
    }

    func run() throws {
        try folder.prepare()
        // Checked before anything is created: seeding without its sessions file
        // would leave logins that nobody holds.
        if let sessionsPath { try writeSessions([], to: sessionsPath) }
        let started = ContinuousClock.now
        let seeder = Seeder(folder: folder, catalog: try Catalog(folder: folder))
        let sessions = try seeder.seed(
            tenants: tenants, patients: patients, startingSessions: sessionsPath != nil)
        if let sessionsPath {
            try writeSessions(sessions, to: sessionsPath)
        }
        let elapsed = ContinuousClock.now - started
        printOut("Seeded \(tenants) organisations with \(patients) patients each in \(elapsed).")
    }

    /// Writes the sessions readable by the owner only: they are logins.
    private func writeSessions(_ sessions: [Seeder.SeededSession], to path: String) throws {
        let lines = sessions.map { "\($0.cookieValue) \($0.csrfToken)\n" }.joined()
        let created = FileManager.default.createFile(
            atPath: path, contents: Data(lines.utf8), attributes: [.posixPermissions: 0o600])
        guard created else { throw SeedCommandError.cannotWrite(path) }
    }
}

/// Why `medsynq seed` failed after seeding.
enum SeedCommandError: Error, CustomStringConvertible {
    case cannotWrite(String)

    var description: String {
        switch self {
        case .cannotWrite(let path): "the sessions file \(path) could not be written"
        }
    }
}
