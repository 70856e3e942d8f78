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
    /// True once the body has passed the size limit; the rest of it is discarded.
    var isTooLarge = false
    /// True when the path, query and headers passed their size limit.
    var areHeadersTooLarge = false

    init(
        id: Int, method: String, path: String, query: [String: String],
        headers: [String: String]
    ) {
        self.id = id
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// The body length the client announced: 0 if none, `Int.max` if it is not a
    /// number that fits.
    var declaredLength: Int {
        guard let text = headers["content-length"] else { return 0 }
        return Int(text) ?? .max
    }

    var request: Request {
        Request(
            id: id, method: method, path: path, query: query, headers: headers,
            body: isTooLarge || areHeadersTooLarge ? [] : body, isBodyTooLarge: isTooLarge,
            areHeadersTooLarge: areHeadersTooLarge)
    }
}
