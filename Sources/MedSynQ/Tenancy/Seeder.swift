import Foundation
import SQLite
import Synchronization

/// Creates many organisations with invented patients, through the same path as
/// sign-up, so that benchmarks and demonstrations have realistic data fast.
///
/// Sign-up's cost is the Argon2id hash (about 100 ms); the seeder hashes one
/// random password once and gives every admin that hash. What is left is file
/// writes that wait on the disk, so several files are written at once and the
/// catalog entries are inserted a batch per transaction. Nobody knows the
/// password: seeded admins are reached through the sessions the seeder starts.
public struct Seeder: Sendable {
    private let provisioner: TenantProvisioner
    private let catalog: Catalog
    /// Files written at once: the work waits on fsync, not on the two cores.
    private let writers = 16
    /// Tenants per catalog transaction.
    private let batchSize = 500

    /// A session started for a seeded tenant's admin, for load tests.
    public struct SeededSession: Sendable {
        public let tenantID: TenantID
        /// The value of the session cookie: "<tenant id>.<secret>".
        public let cookieValue: String
        /// The token the session's forms must carry.
        public let csrfToken: String
    }

    /// One tenant's file, written and not yet in the catalog.
    private struct Written: Sendable {
        let tenant: Tenant
        let session: SeededSession?
    }

    public init(folder: DataFolder, catalog: Catalog) {
        provisioner = TenantProvisioner(folder: folder, catalog: catalog)
        self.catalog = catalog
    }

    /// The name of the cookie that `SeededSession.cookieValue` belongs in.
    public static var sessionCookieName: String { App.sessionCookie }

    /// Creates `tenants` organisations with `patients` invented patients each.
    ///
    /// Organisations take the lowest numbers whose names are free, so seeding
    /// twice adds more rather than failing on taken names. With `startingSessions`
    /// each admin gets a logged-in session; they are returned in no set order.
    public func seed(
        tenants: Int, patients: Int, startingSessions: Bool
    ) throws -> [SeededSession] {
        let passwordHash = try Credentials.hashPassword(Credentials.randomHex(bytes: 24))
        let free = try freeNumbers(count: tenants)
        var sessions: [SeededSession] = []
        for start in stride(from: 0, to: free.count, by: batchSize) {
            let numbers = Array(free[start..<min(start + batchSize, free.count)])
            let written = try writeFiles(
                numbers, patients: patients, startingSessions: startingSessions,
                passwordHash: passwordHash)
            do {
                try catalog.insert(contentsOf: written.map(\.tenant))
            } catch {
                for file in written { provisioner.removeFiles(of: file.tenant.id) }
                throw error
            }
            sessions += written.compactMap(\.session)
        }
        return sessions
    }

    /// Writes one file per number, `writers` at a time; on failure removes those
    /// written and throws the first error.
    private func writeFiles(
        _ numbers: [Int], patients: Int, startingSessions: Bool, passwordHash: String
    ) throws -> [Written] {
        let results = Mutex<[Result<Written, any Error>]>([])
        let finished = DispatchGroup()
        // Threads of its own, not Dispatch's pool: that runs one thread a core,
        // and these threads spend their time waiting for the disk.
        for worker in 0..<writers {
            finished.enter()
            Thread {
                for index in stride(from: worker, to: numbers.count, by: writers) {
                    let result = Result {
                        try writeFile(
                            numbers[index], patients: patients,
                            startingSessions: startingSessions, passwordHash: passwordHash)
                    }
                    results.withLock { $0.append(result) }
                }
                finished.leave()
            }.start()
        }
        finished.wait()
        let all = results.withLock { $0 }
        let written = all.compactMap { try? $0.get() }
        for case .failure(let error) in all {
            for file in written { provisioner.removeFiles(of: file.tenant.id) }
            throw error
        }
        return written
    }

    private func writeFile(
        _ number: Int, patients: Int, startingSessions: Bool, passwordHash: String
    ) throws -> Written {
        var madeUp = MadeUpPatients()
        var started: (secret: String, csrfToken: String)?
        let tenant = try provisioner.makeFile(
            named: Self.tenantName(number), adminName: madeUp.personName(),
            email: "admin@clinic\(number).example", passwordHash: passwordHash
        ) { connection, admin in
            try connection.transaction {
                for _ in 0..<patients {
                    _ = try PatientStore(connection: connection).add(madeUp.next(), by: admin)
                }
            }
            if startingSessions {
                started = try Self.startSession(on: connection, for: admin)
            }
        }
        let session = started.map {
            SeededSession(
                tenantID: tenant.id, cookieValue: "\(tenant.id.rawValue).\($0.secret)",
                csrfToken: $0.csrfToken)
        }
        return Written(tenant: tenant, session: session)
    }

    /// Starts a session for `admin`; returns its secret and CSRF token.
    private static func startSession(
        on connection: Connection, for admin: User
    ) throws -> (secret: String, csrfToken: String) {
        let store = SessionStore(connection: connection)
        let secret = try store.start(for: admin)
        guard let session = try store.find(secret: secret) else {
            throw SeederError.sessionNotFound
        }
        return (secret, session.csrfToken)
    }

    /// The lowest `count` numbers whose invented names no organisation has.
    private func freeNumbers(count: Int) throws -> [Int] {
        let taken = Set(try catalog.allTenants().map(\.lookupKey))
        var numbers: [Int] = []
        var number = 1
        while numbers.count < count {
            if !taken.contains(Tenant.lookupKey(for: Self.tenantName(number))) {
                numbers.append(number)
            }
            number += 1
        }
        return numbers
    }

    /// An invented organisation name, unique by `number`.
    static func tenantName(_ number: Int) -> String {
        let places = ["Alder Brook", "Birchfield", "Cedar Vale", "Dunmere", "Elmstead", "Fernhill"]
        let kinds = ["Family Practice", "Health Centre", "Medical Group", "Clinic"]
        let place = places[number % places.count]
        let kind = kinds[(number / places.count) % kinds.count]
        return "\(place) \(kind) \(number)"
    }
}

/// Why seeding stopped.
public enum SeederError: Error, CustomStringConvertible {
    case sessionNotFound

    public var description: String {
        switch self {
        case .sessionNotFound: "a session the seeder started could not be read back"
        }
    }
}
