import SQLite

extension Connection {
    /// How many rows each table holds, by table name, SQLite's own tables aside.
    ///
    /// Table names come from the schema, so they are quoted as identifiers.
    func rowCounts() throws(SQLiteError) -> [String: Int64] {
        let names = try query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        ).map { $0.text(0) }
        var counts: [String: Int64] = [:]
        for name in names {
            let identifier = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            counts[name] = try scalar("SELECT count(*) FROM \(identifier)")
                .map { Row(values: [$0]).int(0) } ?? 0
        }
        return counts
    }
}
