import CSQLite

/// An error SQLite reported: its result code, its message and the SQL that failed.
///
/// Bound values are never kept, so an error can be logged without leaking the data
/// it was about.
public struct SQLiteError: Error, Sendable {
    /// The extended result code (see https://sqlite.org/rescode.html).
    public let code: Int32
    /// SQLite's own message for the failure.
    public let message: String
    /// The statement that failed, if the failure belongs to one.
    public let sql: String?

    /// An error with SQLite's `code` and `message`, about `sql` if given.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// True when a UNIQUE or PRIMARY KEY constraint was violated.
    public var isUniqueViolation: Bool {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY, macros Swift
        // cannot import (https://sqlite.org/rescode.html#constraint_unique).
        code == 2067 || code == 1555
    }
}

extension SQLiteError: CustomStringConvertible {
    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        var text = "SQLite error \(code) (\(name)): \(message)"
        if let sql { text += " in \"\(sql)\"" }
        return text
    }
}
