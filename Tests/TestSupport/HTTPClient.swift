import Foundation
import Glibc

/// A response as the test client read it.
public struct HTTPResponse {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let bytes: [UInt8]

    public var body: String { String(decoding: bytes, as: UTF8.self) }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var setCookies: [String] {
        headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
    }
}

/// A minimal HTTP/1.1 client over a loopback socket, one connection per request.
///
/// It keeps cookies like a browser would and does not follow redirects, so that
/// tests see exactly what the server answered.
public final class HTTPClient {
    public let port: Int
    public var cookies: [String: String] = [:]

    public init(port: Int) {
        self.port = port
    }

    public func get(_ path: String) throws -> HTTPResponse {
        try send("GET", path)
    }

    /// Posts an urlencoded form.
    public func post(_ path: String, form: [(String, String)]) throws -> HTTPResponse {
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try send(
            "POST", path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array(body.utf8))
    }

    /// Sends a request and reads the whole response.
    public func send(
        _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []
    ) throws -> HTTPResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if !cookies.isEmpty {
            let pairs = cookies.map { "\($0.key)=\($0.value)" }
            head += "Cookie: " + pairs.joined(separator: "; ") + "\r\n"
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let hasLength = headers.keys.contains { $0.lowercased() == "content-length" }
        let isChunked = headers.keys.contains { $0.lowercased() == "transfer-encoding" }
        if (!body.isEmpty || method == "POST") && !hasLength && !isChunked {
            head += "Content-Length: \(body.count)\r\n"
        }
        let raw = try exchange(Array((head + "\r\n").utf8) + body)
        let response = try Self.parse(raw)
        remember(response.setCookies)
        return response
    }

    /// Sends bytes exactly as given and reads the response, for malformed requests.
    public func sendRaw(_ text: String) throws -> HTTPResponse {
        try Self.parse(exchange(Array(text.utf8)))
    }

    private func remember(_ setCookies: [String]) {
        for header in setCookies {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            cookies[name] = (value.isEmpty || header.contains("Max-Age=0")) ? nil : value
        }
    }

    private func exchange(_ bytes: [UInt8]) throws -> [UInt8] {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HTTPClientError.socket }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw HTTPClientError.connect }
        // A server that stops answering fails the test instead of hanging the suite.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, 0)
            }
            guard count > 0 else { throw HTTPClientError.connect }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count < 0 && received.isEmpty { throw HTTPClientError.timedOut }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return received
    }

    private static func parse(_ raw: [UInt8]) throws -> HTTPResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let split = raw.indices.first(where: { raw[$0...].starts(with: separator) }) else {
            throw HTTPClientError.malformed(String(decoding: raw, as: UTF8.self))
        }
        let text = String(decoding: raw[..<split], as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw HTTPClientError.malformed(text)
        }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]),
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return HTTPResponse(status: status, headers: headers, bytes: Array(raw[(split + 4)...]))
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

public enum HTTPClientError: Error {
    case socket
    case connect
    case malformed(String)
    case timedOut
}
