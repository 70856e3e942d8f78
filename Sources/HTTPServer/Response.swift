/// An HTTP response: status, headers and a body sent as it is.
public struct Response: Sendable {
    public var status: Int
    /// Headers in the order they are sent; a name may repeat (Set-Cookie does).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An HTML page.
    public static func html(_ text: String, status: Int = 200) -> Response {
        Response(
            status: status, headers: [("Content-Type", "text/html; charset=utf-8")],
            body: Array(text.utf8))
    }

    /// Plain text, for operators and machines.
    public static func text(_ text: String, status: Int = 200) -> Response {
        Response(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8")],
            body: Array(text.utf8))
    }

    /// A 303 redirect, which makes the browser follow with a GET.
    public static func redirect(to location: String) -> Response {
        Response(status: 303, headers: [("Location", location)])
    }

    /// Adds a header, keeping any of the same name.
    public mutating func addHeader(_ name: String, _ value: String) {
        headers.append((name, value))
    }

    /// The first value of header `name`, matched without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
