import Foundation

/// An HTTP request as a handler sees it: fully read and size-checked.
public struct Request: Sendable {
    /// A number unique within one server's life, for logs.
    public let id: Int
    /// The method in upper case, such as "GET".
    public let method: String
    /// The path without the query string, such as "/patients".
    public let path: String
    /// The decoded query arguments.
    public let query: [String: String]
    /// Header values keyed by lower-cased name (repeated headers joined by ", ").
    public let headers: [String: String]
    /// The raw request body.
    public let body: [UInt8]
    /// True when the body was larger than the server accepts; `body` is then
    /// empty and the handler should answer 413.
    public let isBodyTooLarge: Bool
    /// True when the path, query and headers were larger than the server accepts:
    /// answer 431 and do nothing else.
    public let areHeadersTooLarge: Bool

    public init(
        id: Int = 0, method: String, path: String, query: [String: String] = [:],
        headers: [String: String] = [:], body: [UInt8] = [], isBodyTooLarge: Bool = false,
        areHeadersTooLarge: Bool = false
    ) {
        self.id = id
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.isBodyTooLarge = isBodyTooLarge
        self.areHeadersTooLarge = areHeadersTooLarge
    }

    /// The value of header `name`, matched without regard to case.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// The value of the cookie `name`, found without reading the others.
    public func cookie(_ name: String) -> String? {
        Cookies.value(named: name, in: headers["cookie"] ?? "")
    }

    /// The body decoded as an `application/x-www-form-urlencoded` form.
    ///
    /// Throws `FormError` for a body of another type or one that is not valid UTF-8.
    public func form() throws(FormError) -> Form {
        let type = header("content-type")?.split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard type == "application/x-www-form-urlencoded" else {
            throw FormError.unsupportedContentType
        }
        return try Form(urlEncoded: body)
    }
}
