/// Gathers the key-value pairs libmicrohttpd iterates over.
final class ValueCollector {
    private let lowercasesNames: Bool
    private(set) var values: [String: String] = [:]
    /// Pairs given, repeats included, and the bytes of their names and values.
    private(set) var pairCount = 0
    private(set) var textBytes = 0

    init(lowercasesNames: Bool) {
        self.lowercasesNames = lowercasesNames
    }

    /// Adds one pair. A repeated header is joined to the earlier value as HTTP
    /// allows (Cookie headers with "; ", RFC 6265 section 5.4); a repeated query
    /// argument keeps its first value, as forms do.
    func add(name: String, value: String) {
        pairCount += 1
        textBytes += name.utf8.count + value.utf8.count
        let key = lowercasesNames ? name.lowercased() : name
        guard let existing = values[key] else {
            values[key] = value
            return
        }
        guard lowercasesNames else { return }
        values[key] = existing + (key == "cookie" ? "; " : ", ") + value
    }
}
