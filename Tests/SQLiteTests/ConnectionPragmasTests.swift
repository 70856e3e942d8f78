import Foundation
import Testing
import TestSupport

@testable import SQLite

/// A path for a database in a temporary folder, removed with the value.
private struct TemporaryDatabase {
    let path: String
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        path = folder.path + "/test.sqlite"
    }

    /// A connection in WAL mode to the database, with an empty table `t`.
    func openWithTable() throws -> Connection {
        let connection = try Connection(path: path)
        try connection.enableWriteAheadLog()
        try connection.execute("CREATE TABLE IF NOT EXISTS t (x INTEGER)")
        return connection
    }
}

@Test func commitsWithoutWaitingForDiskRestoreTheSyncLevel() throws {
    let database = try TemporaryDatabase()
    let connection = try database.openWithTable()
    let level = try connection.withoutWaitingForDisk {
        try connection.query("INSERT INTO t VALUES (?)", 1)
        return try connection.scalar("PRAGMA synchronous")
    }
    #expect(level == .integer(1))
    #expect(try connection.scalar("PRAGMA synchronous") == .integer(2))
    #expect(try connection.scalar("SELECT count(*) FROM t") == .integer(1))
}

@Test func closingCanLeaveTheLogForTheNextConnection() throws {
    let database = try TemporaryDatabase()
    for skipsCheckpoint in [false, true] {
        let connection = try Connection(path: database.path)
        try connection.enableWriteAheadLog()
        if skipsCheckpoint { try connection.skipCheckpointOnClose() }
        try connection.execute("CREATE TABLE IF NOT EXISTS t (x INTEGER)")
        try connection.query("INSERT INTO t VALUES (?)", 1)
        try connection.close()
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal") == skipsCheckpoint)
    }
    let reader = try Connection(path: database.path)
    #expect(try reader.scalar("SELECT count(*) FROM t") == .integer(2))
}

@Test func changeCounterMovesWithEveryCommitSeenAtAQuery() throws {
    let database = try TemporaryDatabase()
    let connection = try database.openWithTable()
    let start = try connection.changeCounter
    try connection.query("SELECT count(*) FROM t")
    #expect(try connection.changeCounter == start)

    try connection.query("INSERT INTO t VALUES (?)", 1)
    let afterOwnWrite = try connection.changeCounter
    #expect(afterOwnWrite != start)

    let other = try Connection(path: database.path)
    try other.query("INSERT INTO t VALUES (?)", 2)
    try other.close()
    try connection.query("SELECT count(*) FROM t")
    #expect(try connection.changeCounter != afterOwnWrite)
}
