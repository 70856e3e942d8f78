import Foundation
import TestSupport
import Testing

/// Every bad input to the lifecycle commands gets exit code 1 (64 for a wrong
/// command line), one sentence on stderr, and changes nothing.
@Suite struct LifecycleBadInputTests {
    let folder: TemporaryFolder
    let data: String
    /// A good backup of "Steady Clinic", and its two entries unpacked.
    let archive: String
    let parts: String

    init() throws {
        folder = try TemporaryFolder()
        data = folder.path + "/data"
        parts = folder.path + "/parts"
        for path in [data, parts] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        let server = try ServerProcess(dataFolder: data)
        let visitor = Visitor(port: server.port)
        try visitor.signUp(organisation: "Steady Clinic", email: "admin@steady.example")
        try visitor.addPatient(name: "Steady Patient", dateOfBirth: "1955-05-05")
        server.stop()
        archive = try Binary.run(["backup", "Steady Clinic", "--data", data]).output
            .trimmingCharacters(in: .newlines)
        try ExternalTool.shell("tar -xzf '\(archive)'", in: parts)
    }

    @Test(arguments: BadArchive.allCases)
    func aBadArchiveIsRefusedInOneSentenceAndChangesNothing(_ bad: BadArchive) throws {
        let path = folder.path + "/\(bad).tar.gz"
        if let script = bad.script(good: archive, output: path) {
            try ExternalTool.shell(script, in: parts)
        }
        try expectRefusal(["restore", path], saying: "The archive \(path) cannot be used: ")
    }

    @Test func aTakenNameIsRefused() throws {
        try expectRefusal(
            ["restore", archive, "--as", "STEADY clinic"], saying: "The organisation name")
    }

    @Test(arguments: [
        ["backup", "No Such Clinic"], ["verify", "No Such Clinic"],
        ["offboard", "No Such Clinic", "--yes"],
    ])
    func anUnknownOrganisationIsRefused(_ command: [String]) throws {
        try expectRefusal(command, saying: "There is no organisation named")
    }

    @Test(arguments: ["tenants", "backup", "restore", "verify", "offboard", "migrate"])
    func aMissingDataFolderIsRefused(_ command: String) throws {
        let missing = folder.path + "/nowhere"
        let words = [command] + (["backup", "verify"].contains(command) ? ["--all"] : [])
            + (command == "restore" ? [archive] : []) + (command == "offboard" ? ["X"] : [])
        let outcome = try Binary.run(words + ["--data", missing])
        #expect(outcome.status == 1)
        #expect(outcome.errors == "medsynq: The data folder \(missing) does not exist.\n")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func aDataFolderThatIsNotWritableIsRefused() throws {
        try makeReadOnly(data)
        defer { try? makeWritable(data) }
        try expectRefusal(["backup", "--all"], saying: "The data folder")
    }

    /// Takes write access away from `folder`, for root too: root ignores
    /// permissions, so it gets the immutable attribute instead (chattr(1)).
    private func makeReadOnly(_ folder: String) throws {
        guard geteuid() == 0 else {
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder)
            return
        }
        try #require(try ExternalTool.run("/usr/bin/chattr", ["+i", folder]).status == 0)
    }

    private func makeWritable(_ folder: String) throws {
        if geteuid() == 0 { _ = try ExternalTool.run("/usr/bin/chattr", ["-i", folder]) }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
    }

    @Test(arguments: [
        ["backup"], ["backup", "Steady Clinic", "--all"], ["restore"], ["offboard"],
        ["tenants", "extra"], ["verify", "--bogus"], ["restore", "a.tar.gz", "--as"],
        ["restore", "a.tar.gz", "--as", "  "],
    ])
    func aWrongCommandLineExits64WithTheUsage(_ command: [String]) throws {
        let before = try state()
        let outcome = try Binary.run(command + ["--data", data])
        #expect(outcome.status == 64)
        #expect(outcome.errors.contains("usage: medsynq \(command[0])"))
        #expect(try state() == before)
    }

    /// Expects `command` to exit 1 with one line on stderr that starts with
    /// `start` and ends with a full stop, and to leave the data folder as it was.
    private func expectRefusal(_ command: [String], saying start: String) throws {
        let before = try state()
        let outcome = try Binary.run(command + ["--data", data])
        #expect(outcome.status == 1)
        let lines = outcome.errors.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(outcome.errors.hasPrefix("medsynq: \(start)"))
        #expect(outcome.errors.hasSuffix(".\n"))
        #expect(outcome.output.isEmpty)
        #expect(try state() == before)
    }

    /// Everything a command could change: the catalog as `tenants --json`
    /// shows it, the files in the data folder, and the clinic's patients.
    private func state() throws -> [String] {
        let catalog = try Binary.run(["tenants", "--json", "--data", data]).output
        let files = FileManager.default.enumerator(atPath: data)?.allObjects as? [String] ?? []
        let shard = files.first { $0.hasPrefix("tenants/") && $0.hasSuffix(".sqlite") } ?? ""
        let patients = try ExternalTool.sqlite("\(data)/\(shard)", "SELECT name FROM patients")
        let lasting = files.filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        return [catalog, patients] + lasting.sorted()
    }
}

/// Archives an operator might be handed, each wrong in one way, made with
/// plain shell tools from a good archive's two entries.
enum BadArchive: String, CaseIterable, Sendable {
    case missing, empty, truncated, corrupted, extraEntry, missingEntry, linkedEntry
    case escapingEntry, expandsTooFar, checksumMismatch, notAnArchive

    /// A shell script, run in the folder of the two entries, that writes the
    /// archive to `output`; nil when there must be no file at all.
    func script(good: String, output: String) -> String? {
        switch self {
        case .missing: nil
        case .empty: ": > '\(output)'"
        case .truncated: "head -c $(( $(wc -c < '\(good)') / 2 )) '\(good)' > '\(output)'"
        case .corrupted:
            "cp '\(good)' '\(output)'; printf 'XXXXXXXX' | "
                + "dd of='\(output)' bs=1 seek=$(( $(wc -c < '\(good)') / 2 )) conv=notrunc"
        case .extraEntry:
            "echo hello > notes.txt; tar -czf '\(output)' manifest.json tenant.sqlite notes.txt"
        case .missingEntry: "tar -czf '\(output)' manifest.json"
        case .linkedEntry:
            "ln -sf /etc/passwd link; tar -czf '\(output)' "
                + "--transform='s,^link$,tenant.sqlite,' manifest.json link"
        case .escapingEntry:
            "tar -czf '\(output)' -P --transform='s,^tenant,../tenant,' manifest.json tenant.sqlite"
        case .expandsTooFar:
            "(tar -cf - manifest.json tenant.sqlite; head -c 67108864 /dev/zero) "
                + "| gzip -1 > '\(output)'"
        case .checksumMismatch:
            "mkdir -p tampered; cp tenant.sqlite tampered/; sed 's/\"sha256\" : \"[0-9a-f]*\"/"
                + "\"sha256\" : \"\(String(repeating: "0", count: 64))\"/' manifest.json "
                + "> tampered/manifest.json; tar -czf '\(output)' -C tampered manifest.json "
                + "tenant.sqlite"
        case .notAnArchive: "echo 'not a backup at all' > '\(output)'"
        }
    }
}
