import CSQLite

/// A prepared statement, owned by the connection that prepared it.
///
/// Not thread-safe: it is used only by the thread that holds its connection.
final class Statement {
    let sql: String
    private let handle: OpaquePointer
    private unowned let connection: Connection

    /// SQLite copies bound text and blobs when given this destructor value
    /// (documented as SQLITE_TRANSIENT, a macro Swift cannot import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(connection: Connection, sql: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        // Cached statements live as long as their connection: PERSISTENT tells SQLite
        // so (https://sqlite.org/c3ref/c_prepare_normalize.html).
        let code = sqlite3_prepare_v3(
            connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw connection.error(code: code, sql: sql)
        }
        self.sql = sql
        self.handle = handle
        self.connection = connection
    }

    deinit {
        // sqlite3_finalize repeats the last step's error, which was reported already;
        // the statement is freed whatever it returns.
        sqlite3_finalize(handle)
    }

    /// Binds `arguments` to the parameters, runs the statement and returns every row.
    ///
    /// The statement is always reset afterwards: a statement left on a row keeps a
    /// read transaction open (https://sqlite.org/c3ref/reset.html).
    func rows(_ arguments: [any Bindable]) throws(SQLiteError) -> [Row] {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        try bind(arguments)
        var rows: [Row] = []
        while try step() {
            rows.append(currentRow())
        }
        return rows
    }

    private func bind(_ arguments: [any Bindable]) throws(SQLiteError) {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "expected \(expected) arguments, got \(arguments.count)", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32 = switch argument.sqliteValue {
            case .null: sqlite3_bind_null(handle, index)
            case .integer(let value): sqlite3_bind_int64(handle, index, value)
            case .real(let value): sqlite3_bind_double(handle, index, value)
            case .text(let value):
                // The length is given in bytes, so a NUL inside the text is stored too.
                sqlite3_bind_text64(
                    handle, index, value, UInt64(value.utf8.count), Self.transient,
                    UInt8(SQLITE_UTF8))
            case .blob(let bytes):
                bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob64(
                        handle, index, buffer.baseAddress, UInt64(buffer.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
        }
    }

    private func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(code: code, sql: sql)
        }
    }

    private func currentRow() -> Row {
        let count = sqlite3_column_count(handle)
        var values: [Value] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            values.append(value(at: column))
        }
        return Row(values: values)
    }

    private func value(at column: Int32) -> Value {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            let bytes = UnsafeBufferPointer(start: text, count: count)
            return .text(String(decoding: bytes, as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(handle, column) else {
                return .blob([])
            }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }
}
