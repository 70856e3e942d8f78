import Foundation
import TestSupport
import Testing

/// Backup, restore and offboarding run as an operator would run them, while
/// the server keeps serving the clinics.
@Suite struct LifecycleTests {
    let folder: TemporaryFolder
    let data: String

    init() throws {
        folder = try TemporaryFolder()
        data = folder.path + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    }

    @Test func aBackupDuringSteadyWritesRestoresEveryPatientConfirmedBeforeIt() throws {
        let server = try ServerProcess(dataFolder: data)
        let (clinic, _) = try signUp("Busy Clinic", patients: [], on: server)
        let adder = BackgroundVisitor(port: server.port, cookies: clinic.client.cookies) {
            try $0.addPatient(name: "Busy Patient \($1)", dateOfBirth: "1980-05-05")
        }
        adder.waitForAttempts(10)

        let confirmed = adder.statuses.prefix { $0 == 303 }.count
        let backup = try medsynq("backup", "Busy Clinic")
        #expect(adder.stop().allSatisfy { $0 == 303 })
        #expect(backup.status == 0)

        let elsewhere = folder.path + "/elsewhere"
        try FileManager.default.createDirectory(
            atPath: elsewhere, withIntermediateDirectories: true)
        let archive = backup.output.trimmingCharacters(in: .newlines)
        #expect(try Binary.run(["restore", archive, "--data", elsewhere]).status == 0)
        let restored = try #require(try tenantFiles(in: elsewhere).first)
        #expect(try ExternalTool.sqlite(restored, "PRAGMA integrity_check") == "ok")
        let names = try ExternalTool.sqlite(restored, "SELECT name FROM patients ORDER BY id")
            .split(separator: "\n").map(String.init)
        #expect(names.count >= confirmed)
        #expect(Array(names.prefix(confirmed)) == (1...confirmed).map { "Busy Patient \($0)" })
    }

    @Test func anArchiveListsWithPlainTarAndItsDatabaseOpensInTheSQLiteShell() throws {
        let server = try ServerProcess(dataFolder: data)
        _ = try signUp("Plain Clinic", patients: ["Ann Example", "Bo Example"], on: server)
        let archive = try medsynq("backup", "Plain Clinic").output
            .trimmingCharacters(in: .newlines)

        let listing = try ExternalTool.run("/usr/bin/tar", ["-tzf", archive])
        #expect(listing.status == 0)
        #expect(listing.output == "manifest.json\ntenant.sqlite\n")
        let unpacked = folder.path + "/unpacked"
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        #expect(try ExternalTool.run("/usr/bin/tar", ["-xzf", archive, "-C", unpacked]).status == 0)
        let database = unpacked + "/tenant.sqlite"
        let check = "PRAGMA integrity_check; SELECT count(*) FROM patients;"
        #expect(try ExternalTool.sqlite(database, check) == "ok\n2")
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
    }

    @Test func aRestoreWhileServingGivesTheRestoredDataAndOthersNoError() throws {
        let server = try ServerProcess(dataFolder: data)
        let early = ["Early One", "Early Two", "Early Three"]
        let (restoring, _) = try signUp("Restore Clinic", patients: early, on: server)
        let (other, _) = try signUp("Other Clinic", patients: ["Other One"], on: server)
        let archive = try medsynq("backup", "Restore Clinic").output
            .trimmingCharacters(in: .newlines)
        try restoring.addPatient(name: "Late One", dateOfBirth: "2001-01-01")
        let watchers = [other, restoring].map { clinic in
            BackgroundVisitor(port: server.port, cookies: clinic.client.cookies) { visitor, _ in
                try visitor.dashboard()
            }
        }
        watchers.forEach { $0.waitForAttempts(5) }

        let restore = try medsynq("restore", archive)

        let statuses = watchers.map { $0.stop() }
        #expect(restore.status == 0)
        #expect(statuses[0].allSatisfy { $0 == 200 })
        // Served, paused, then sent to log in (the archive holds no sessions), in
        // that order.
        let stages = statuses[1].map { [200: 0, 503: 1, 303: 2][$0] ?? -1 }
        #expect(!stages.contains(-1))
        #expect(stages == stages.sorted())
        #expect(try restoring.dashboard().status == 303)
        try logInAgain(restoring, to: "Restore Clinic")
        let dashboard = try restoring.dashboard()
        #expect(dashboard.status == 200)
        #expect(early.allSatisfy(dashboard.body.contains))
        #expect(!dashboard.body.contains("Late One"))
    }

    @Test(arguments: [
        ("restore-paused", false), ("restore-undo-kept", false), ("restore-copied", true),
        ("restore-migrated", true),
    ])
    func aRestoreKilledAfterAStepLeavesTheClinicWhollyOldOrWhollyNew(
        step: String, isNew: Bool
    ) throws {
        let server = try ServerProcess(dataFolder: data)
        let (clinic, id) = try signUp("Crash Clinic", patients: ["Kept One"], on: server)
        let archive = try medsynq("backup", "Crash Clinic").output
            .trimmingCharacters(in: .newlines)
        try clinic.addPatient(name: "Later One", dateOfBirth: "2002-02-02")

        let killed = try medsynq("restore", archive, environment: ["MEDSYNQ_CRASH_AFTER": step])

        #expect(killed.status == SIGKILL)
        let live = "\(data)/tenants/\(id).sqlite"
        #expect(try ExternalTool.sqlite(live, "PRAGMA integrity_check") == "ok")
        let names = try ExternalTool.sqlite(live, "SELECT name FROM patients ORDER BY id")
        #expect(names == (isNew ? "Kept One" : "Kept One\nLater One"))
        #expect(try clinic.dashboard().status == 503)

        #expect(try medsynq("restore", archive).status == 0)
        try logInAgain(clinic, to: "Crash Clinic")
        let dashboard = try clinic.dashboard()
        #expect(dashboard.status == 200)
        #expect(dashboard.body.contains("Kept One") && !dashboard.body.contains("Later One"))
    }

    @Test func aRestoreKilledAtAnyMomentLeavesTheClinicWhollyOldOrWhollyNew() throws {
        let server = try ServerProcess(dataFolder: data)
        let (clinic, id) = try signUp("Bulky Clinic", patients: [], on: server)
        let live = "\(data)/tenants/\(id).sqlite"
        // About 5 MB of made-up patients, so that a restore takes a while.
        _ = try ExternalTool.sqlite(live, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO patients (name, date_of_birth, notes, created_at)
            SELECT 'Bulky Patient ' || i, '1975-03-03', hex(randomblob(1200)), 0 FROM n;
            """)
        let archive = try medsynq("backup", "Bulky Clinic").output
            .trimmingCharacters(in: .newlines)
        try clinic.addPatient(name: "Later Patient", dateOfBirth: "2003-03-03")

        for milliseconds in [0, 10, 30, 60, 120, 250] {
            let restore = Process()
            restore.executableURL = URL(fileURLWithPath: Binary.path)
            restore.arguments = ["restore", archive, "--data", data]
            restore.standardOutput = FileHandle.nullDevice
            try restore.run()
            usleep(useconds_t(milliseconds * 1_000))
            kill(restore.processIdentifier, SIGKILL)
            restore.waitUntilExit()

            #expect(try ExternalTool.sqlite(live, "PRAGMA integrity_check") == "ok")
            let count = try ExternalTool.sqlite(live, "SELECT count(*) FROM patients")
            #expect(count == "2000" || count == "2001", "killed after \(milliseconds) ms")
        }
        #expect(try medsynq("restore", archive).status == 0)
        #expect(try ExternalTool.sqlite(live, "SELECT count(*) FROM patients") == "2000")
        try logInAgain(clinic, to: "Bulky Clinic")
        #expect(try clinic.dashboard().status == 200)
    }

    @Test func offboardingWhileServedLeavesNoDataAndFreesTheName() throws {
        let server = try ServerProcess(dataFolder: data)
        let (leaving, id) = try signUp("Leaving Clinic", patients: ["Gone One"], on: server)
        let (staying, _) = try signUp("Staying Clinic", patients: ["Stay One"], on: server)
        #expect(try leaving.dashboard().status == 200)

        let refused = try medsynq("offboard", "Leaving Clinic")
        #expect(refused.status == 1)
        #expect(refused.errors.contains("\(id).sqlite") && refused.errors.contains("--yes"))
        #expect(try tenantFiles(in: data).contains { $0.contains(id) })

        let final = folder.path + "/final"
        let done = try medsynq("offboard", "leaving clinic", "--final-backup", final, "--yes")
        #expect(done.status == 0)
        let next = try leaving.dashboard()
        #expect(next.status == 303)
        #expect(!next.body.contains("Gone One"))
        let left = try FileManager.default.contentsOfDirectory(atPath: data + "/tenants")
        #expect(!left.contains { $0.hasPrefix(id) })
        #expect(try staying.dashboard().body.contains("Stay One"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: final).count == 1)

        let (successor, newID) = try signUp("Leaving Clinic", patients: [], on: server)
        #expect(newID != id)
        let fresh = try successor.dashboard()
        #expect(fresh.status == 200)
        #expect(!fresh.body.contains("Gone One"))
    }

    @Test func theServerLetsGoOfAnOffboardedTenantsFilesWithoutARequest() throws {
        let server = try ServerProcess(dataFolder: data)
        let (leaving, id) = try signUp("Quiet Clinic", patients: ["Gone Two"], on: server)
        #expect(try leaving.dashboard().status == 200)
        #expect(server.openFiles().contains { $0.contains(id) })

        #expect(try medsynq("offboard", "Quiet Clinic", "--yes").status == 0)
        let deadline = Date.now.addingTimeInterval(10)
        while server.openFiles().contains(where: { $0.contains(id) }) && Date.now < deadline {
            usleep(100_000)
        }
        #expect(!server.openFiles().contains { $0.contains(id) })
    }

    @Test(arguments: ["offboard-marked", "offboard-backed-up", "offboard-deleted"])
    func anOffboardingKilledAfterAStepIsFinishedByRunningItAgain(step: String) throws {
        let server = try ServerProcess(dataFolder: data)
        let (clinic, id) = try signUp("Interrupted Clinic", patients: ["Gone Two"], on: server)
        let final = folder.path + "/final"
        let command = ["offboard", "Interrupted Clinic", "--final-backup", final, "--yes"]

        let killed = try medsynq(command, environment: ["MEDSYNQ_CRASH_AFTER": step])
        #expect(killed.status == SIGKILL)
        let meanwhile = try clinic.dashboard()
        #expect(meanwhile.status == 303 && !meanwhile.body.contains("Gone Two"))

        #expect(try medsynq(command).status == 0)
        #expect(try !tenantFiles(in: data).contains { $0.contains(id) })
        #expect(try !medsynq("tenants", "--json").output.contains(id))
        #expect(try !FileManager.default.contentsOfDirectory(atPath: final).isEmpty)
    }

    @Test func oneFailingClinicDoesNotStopTheOthers() throws {
        let server = try ServerProcess(dataFolder: data)
        _ = try signUp("Alder Clinic", patients: ["Alder One"], on: server)
        let (_, broken) = try signUp("Birch Clinic", patients: [], on: server)
        _ = try signUp("Cedar Clinic", patients: ["Cedar One"], on: server)
        server.stop()
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: "\(data)/tenants/\(broken).sqlite\(suffix)")
        }

        let backup = try medsynq("backup", "--all")
        #expect(backup.status == 1)
        #expect(backup.output.split(separator: "\n").count == 2)
        #expect(backup.errors.contains("Birch Clinic"))
        #expect(backup.errors.contains("Backed up 2 of 3 organisations."))

        let verify = try medsynq("verify", "--all")
        #expect(verify.status == 1)
        #expect(verify.output.split(separator: "\n").filter { $0.hasPrefix("ok") }.count == 2)
        #expect(verify.output.contains("FAILED  \"Birch Clinic\""))

        let migrate = try medsynq("migrate")
        #expect(migrate.status == 1)
        #expect(migrate.errors.contains("2 of 3 organisations are at the current schema."))
    }

    /// Runs medsynq on this suite's data folder.
    private func medsynq(
        _ arguments: [String], environment: [String: String] = [:]
    ) throws -> Binary.Outcome {
        try Binary.run(arguments + ["--data", data], environment: environment)
    }

    private func medsynq(
        _ arguments: String..., environment: [String: String] = [:]
    ) throws -> Binary.Outcome {
        try medsynq(arguments, environment: environment)
    }

    /// Signs up `organisation`, adds `patients`, and returns its visitor and id.
    private func signUp(
        _ organisation: String, patients: [String], on server: ServerProcess
    ) throws -> (Visitor, String) {
        let visitor = Visitor(port: server.port)
        try visitor.signUp(organisation: organisation, email: Self.adminEmail(of: organisation))
        for name in patients { try visitor.addPatient(name: name, dateOfBirth: "1970-07-07") }
        let cookie = try #require(visitor.client.cookies["medsynq_session"])
        return (visitor, String(cookie.split(separator: ".")[0]))
    }

    /// Logs `clinic` in again as the admin `signUp` made: a restore ends every session.
    private func logInAgain(_ clinic: Visitor, to organisation: String) throws {
        let login = try clinic.logIn(
            organisation: organisation, email: Self.adminEmail(of: organisation),
            password: "correct-horse-battery")
        try #require(login.status == 303)
    }

    private static func adminEmail(of organisation: String) -> String {
        "admin@\(organisation.filter(\.isLetter).lowercased()).example"
    }

    /// The tenant database files in data folder `path`.
    private func tenantFiles(in path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "/tenants")
            .filter { $0.hasSuffix(".sqlite") && !$0.contains(".undo-") }
            .map { "\(path)/tenants/\($0)" }
    }
}
