import Foundation
import SQLite
import Testing
import TestSupport

@Suite struct ConnectionTests {
    let scratch: TemporaryFolder
    let connection: Connection

    var folder: String { scratch.path }

    init() throws {
        scratch = try TemporaryFolder()
        connection = try Connection(path: scratch.path + "/test.sqlite")
        try connection.execute(
            "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE, size REAL, data BLOB)")
    }

    @Test func aWriterWaitsForAnotherConnectionsLockUntilItsTimeout() throws {
        let path = scratch.path + "/test.sqlite"
        try connection.enableWriteAheadLog()
        try connection.execute("BEGIN IMMEDIATE")
        let impatient = try Connection(path: path, busyTimeoutMilliseconds: 30)
        #expect(throws: SQLiteError.self) { try impatient.execute("BEGIN IMMEDIATE") }
        try impatient.close()

        let released = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let holder = connection
        Thread {
            usleep(100_000)
            try? holder.execute("INSERT INTO items (name) VALUES ('first'); COMMIT")
            released.signal()
        }.start()
        let patient = try Connection(path: path, busyTimeoutMilliseconds: 10_000)
        try patient.execute("BEGIN IMMEDIATE; INSERT INTO items (name) VALUES ('second'); COMMIT")
        released.wait()
        #expect(try patient.scalar("SELECT count(*) FROM items") == .integer(2))
        try patient.close()
    }

    @Test func valuesOfEveryStorageClassRoundTrip() throws {
        try connection.query(
            "INSERT INTO items (name, size, data) VALUES (?, ?, ?)",
            "widget ✓", 2.5, [UInt8]([0, 1, 255]))
        let row = try #require(try connection.query("SELECT id, name, size, data FROM items").first)
        #expect(row.int(0) == 1)
        #expect(row.text(1) == "widget ✓")
        #expect(row.real(2) == 2.5)
        #expect(row.blob(3) == [0, 1, 255])
        #expect(try connection.scalar("SELECT count(*) FROM items") == .integer(1))
    }

    @Test func textWithANulCharacterIsStoredAndReadWhole() throws {
        let text = "before\u{0}after"
        try connection.query("INSERT INTO items (name) VALUES (?)", text)
        #expect(try connection.scalar("SELECT name FROM items") == .text(text))
        let length = try connection.scalar("SELECT length(CAST(name AS BLOB)) FROM items")
        #expect(length == .integer(12))
    }

    @Test func nullBindsAndReadsAsNull() throws {
        let missing: String? = nil
        try connection.query("INSERT INTO items (name) VALUES (?)", missing)
        let row = try #require(try connection.query("SELECT name, size FROM items").first)
        #expect(row.values == [.null, .null])
        #expect(row.optionalInt(1) == nil)
    }

    @Test func statementsArePreparedOncePerSQLText() throws {
        for index in 0..<5 {
            try connection.query("INSERT INTO items (name) VALUES (?)", "item \(index)")
        }
        #expect(connection.cachedStatementCount == 1)
        #expect(connection.lastInsertRowID == 5)
        #expect(connection.changes == 1)
    }

    @Test func aFailedTransactionIsRolledBack() throws {
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try connection.transaction {
                try connection.query("INSERT INTO items (name) VALUES ('kept?')")
                throw Abort()
            }
        }
        #expect(try connection.scalar("SELECT count(*) FROM items") == .integer(0))
    }

    @Test func errorsKeepTheCodeAndTheSQLButNotTheValues() throws {
        try connection.query("INSERT INTO items (name) VALUES (?)", "secret value")
        let error = try #require(throws: SQLiteError.self) {
            try connection.query("INSERT INTO items (name) VALUES (?)", "secret value")
        }
        #expect(error.isUniqueViolation)
        #expect(error.sql == "INSERT INTO items (name) VALUES (?)")
        #expect(!error.description.contains("secret value"))
        #expect(error.description.contains("UNIQUE"))
    }

    @Test func aWrongNumberOfArgumentsIsAnError() throws {
        #expect(throws: SQLiteError.self) {
            try connection.query("INSERT INTO items (name, size) VALUES (?, ?)", "only one")
        }
    }

    @Test func userVersionAndIntegrityAreReadable() throws {
        try connection.setUserVersion(7)
        #expect(try connection.userVersion == 7)
        #expect(try connection.integrityProblems().isEmpty)
    }

    @Test func aMissingFileIsNotCreatedInReadWriteMode() throws {
        #expect(throws: SQLiteError.self) {
            try Connection(path: folder + "/absent.sqlite", mode: .readWrite)
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/absent.sqlite"))
    }

    @Test func dataVersionChangesWhenAnotherConnectionCommits() throws {
        try connection.enableWriteAheadLog()
        let before = try connection.dataVersion
        let other = try Connection(path: folder + "/test.sqlite")
        try other.query("INSERT INTO items (name) VALUES ('from elsewhere')")
        #expect(try connection.dataVersion != before)
        try other.close()
    }

    @Test func backupWritesAConsistentSelfContainedCopy() throws {
        try connection.enableWriteAheadLog()
        try connection.query("INSERT INTO items (name) VALUES ('copied')")
        let copyPath = folder + "/copy.sqlite"
        try connection.backup(to: copyPath)

        #expect(!FileManager.default.fileExists(atPath: copyPath + "-wal"))
        let copy = try Connection(path: copyPath, mode: .readOnly)
        #expect(try copy.scalar("SELECT name FROM items") == .text("copied"))
        #expect(try copy.scalar("PRAGMA journal_mode") == .text("delete"))
    }

    @Test func backupRefusesToOverwriteAndLeavesNoPartialFile() throws {
        let existing = folder + "/existing.sqlite"
        FileManager.default.createFile(atPath: existing, contents: Data("keep".utf8))
        #expect(throws: SQLiteError.self) { try connection.backup(to: existing) }
        #expect(FileManager.default.contents(atPath: existing) == Data("keep".utf8))
        #expect(throws: SQLiteError.self) {
            try connection.backup(to: folder + "/no/such/dir.sqlite")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(!names.contains { $0.contains("partial") })
    }

    @Test func closingTwiceIsHarmless() throws {
        try connection.close()
        try connection.close()
    }
}
