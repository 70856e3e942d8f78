import Foundation
import Testing

@testable import SQLite

@Test func totalChangesCountsEveryRowThisConnectionChanged() throws {
    let path = FileManager.default.temporaryDirectory
        .appending(path: "medsynq-changes-\(UUID().uuidString).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let connection = try Connection(path: path)
    try connection.execute("CREATE TABLE t (x INTEGER)")
    #expect(connection.totalChanges == 0)
    try connection.query("INSERT INTO t VALUES (?)", 1)
    try connection.query("INSERT INTO t VALUES (?)", 2)
    #expect(connection.totalChanges == 2)
    try connection.query("UPDATE t SET x = x + 1")
    #expect(connection.totalChanges == 4)
    try connection.query("SELECT * FROM t")
    #expect(connection.totalChanges == 4)
}
