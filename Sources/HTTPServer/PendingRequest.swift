/// A request whose headers have arrived and whose body is still being read.
///
/// Owned by one connection of the daemon and touched only by the thread serving it.
final class PendingRequest {
    let id: Int
    let method: String
    let path: String
    let query: [String: String]
    let headers: [String: String]
    var body: [UInt8] = []
    /// True once a response has been queued, so that none is queued twice.
    var isAnswered = false

    init(id: Int, method: String, path: String, query: [String: String], headers: [String: String]) {
        self.id = id
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// The body length the client announced, or 0.
    var declaredLength: Int {
        headers["content-length"].flatMap { Int($0) } ?? 0
    }

    var request: Request {
        Request(id: id, method: method, path: path, query: query, headers: headers, body: body)
    }
}

/// Gathers the key-value pairs libmicrohttpd iterates over.
final class ValueCollector {
    private let lowercasesNames: Bool
    private(set) var values: [String: String] = [:]

    init(lowercasesNames: Bool) {
        self.lowercasesNames = lowercasesNames
    }

    func add(name: String, value: String) {
        let key = lowercasesNames ? name.lowercased() : name
        if let existing = values[key] {
            values[key] = existing + ", " + value
        } else {
            values[key] = value
        }
    }
}
