import CSQLite
import Glibc
import SQLiteShim

/// One connection to one SQLite database file.
///
/// A connection is confined: one thread at a time uses it (it is opened in
/// SQLite's multi-thread mode, https://sqlite.org/threadsafe.html), so the type is
/// deliberately not `Sendable`; owners that hand it between threads say how.
public final class Connection {
    /// The file this connection opened.
    public let path: String
    private(set) var handle: OpaquePointer?
    private var statements: [String: Statement] = [:]

    /// How a connection may use its file.
    public enum Mode: Sendable {
        case readOnly
        /// Read and write a file that must exist already.
        case readWrite
        /// Read and write, creating the file if it is missing.
        case readWriteCreate

        var flags: Int32 {
            switch self {
            case .readOnly: SQLITE_OPEN_READONLY
            case .readWrite: SQLITE_OPEN_READWRITE
            case .readWriteCreate: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            }
        }
    }

    /// Opens the database at `path`.
    ///
    /// Every connection gets foreign keys on and a busy timeout, so that a writer
    /// in another process makes it wait rather than fail.
    public init(
        path: String, mode: Mode = .readWriteCreate, busyTimeoutMilliseconds: Int32 = 5_000
    ) throws(SQLiteError) {
        self.path = path
        _ = Self.isLibraryConfigured
        let flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | mode.flags
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        self.handle = handle
        guard code == SQLITE_OK else {
            let failure = error(code: code)
            // A handle that failed to open has no statements, so closing it only frees
            // it and cannot fail (https://sqlite.org/c3ref/open.html).
            sqlite3_close(handle)
            self.handle = nil
            throw failure
        }
        let timeout = UnsafeMutableRawPointer(bitPattern: Int(max(busyTimeoutMilliseconds, 0)))
        sqlite3_busy_handler(handle, waitForLock, timeout)
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        guard handle != nil else { return }
        do {
            try close()
        } catch {
            assertionFailure("closing \(path) failed: \(error)")
        }
    }

    /// Configures the library once, before the first connection opens (when
    /// `sqlite3_config` still may run: https://sqlite.org/c3ref/config.html), for a
    /// program that opens and closes many files:
    /// - no memory statistics, which take a global lock on every allocation;
    /// - a small lookaside (64 slots of 128 bytes) instead of 120 KiB a
    ///   connection, whose allocation and release cost more than it saves on a
    ///   connection that runs a few statements.
    /// If a setting is refused, SQLite's defaults stay, which work too.
    private static let isLibraryConfigured: Bool = {
        let memoryStatistics = sqlite_shim_config_int(SQLITE_CONFIG_MEMSTATUS, 0)
        let lookaside = sqlite_shim_config_two_ints(SQLITE_CONFIG_LOOKASIDE, 128, 64)
        return memoryStatistics == SQLITE_OK && lookaside == SQLITE_OK
    }()

    /// Finalises every cached statement and closes the connection.
    ///
    /// Throws if SQLite refuses, which means a statement outside the cache is alive.
    public func close() throws(SQLiteError) {
        guard let handle else { return }
        statements.removeAll()
        let code = sqlite3_close(handle)
        guard code == SQLITE_OK else { throw error(code: code) }
        self.handle = nil
    }

    /// Runs one or more statements that take no arguments and return no rows.
    public func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code: code, sql: sql) }
    }

    /// Runs one statement with `arguments` and returns its rows.
    ///
    /// The statement is prepared once per connection and cached by its SQL text.
    @discardableResult
    public func query(_ sql: String, _ arguments: any Bindable...) throws(SQLiteError) -> [Row] {
        try statement(for: sql).rows(arguments)
    }

    /// Runs one statement with an array of arguments and returns its rows.
    @discardableResult
    public func query(_ sql: String, arguments: [any Bindable]) throws(SQLiteError) -> [Row] {
        try statement(for: sql).rows(arguments)
    }

    /// Runs `sql` and returns the first column of its first row, if any.
    public func scalar(_ sql: String, _ arguments: any Bindable...) throws(SQLiteError) -> Value? {
        try statement(for: sql).rows(arguments).first?.values.first
    }

    /// The rowid of the last row inserted through this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// How many rows the last INSERT, UPDATE or DELETE changed.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// How many statements this connection has prepared and cached.
    public var cachedStatementCount: Int { statements.count }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock up front, so a busy database makes the
    /// transaction wait at its start rather than fail half way.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func statement(for sql: String) throws(SQLiteError) -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    func error(code: Int32, sql: String? = nil) -> SQLiteError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) }
            ?? String(cString: sqlite3_errstr(code))
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        return SQLiteError(code: extended == 0 ? code : extended, message: message, sql: sql)
    }
}

/// SQLite's busy handler for every connection: waits for another connection's
/// lock in steps of 0.1 ms growing to 2 ms, and gives up once the steps add up
/// to the timeout (milliseconds, carried as the context pointer's address).
///
/// SQLite's own `sqlite3_busy_timeout` sleeps up to 100 ms at a time, so that a
/// writer that has waited long keeps losing the lock to newcomers, which check
/// sooner; short steps keep the slowest wait near the queue's real length.
private let waitForLock: @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32 = {
    context, retries in
    let timeout = Int(bitPattern: context) * 1_000
    let retries = Int(retries)
    // Microseconds slept so far: 100 + 200 + ... for the first twenty, then 2,000 each.
    let waited = retries <= 20 ? 50 * retries * (retries + 1) : 21_000 + 2_000 * (retries - 20)
    guard waited < timeout else { return 0 }
    usleep(useconds_t(min(100 * (retries + 1), 2_000)))
    return 1
}
