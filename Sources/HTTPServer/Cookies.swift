import Foundation

/// Reading the Cookie header and writing Set-Cookie headers (RFC 6265).
public enum Cookies {
    /// The name-value pairs of a Cookie header; when a name repeats, its first value wins.
    ///
    /// Reads UTF-8 bytes: the separators are ASCII, and it runs on every request.
    public static func parse(_ header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let name = trimmed(pair[..<(equals ?? pair.endIndex)])
            guard !name.isEmpty else { continue }
            var value = equals.map { trimmed(pair[pair.index(after: $0)...]) }
                ?? pair[pair.endIndex...]
            let quote = UInt8(ascii: "\"")
            if value.count >= 2, value.first == quote, value.last == quote {
                value = value.dropFirst().dropLast()
            }
            let key = String(Substring(name))
            if cookies[key] == nil { cookies[key] = String(Substring(value)) }
        }
        return cookies
    }

    /// `text` without the spaces and tabs around it (RFC 6265's optional white space).
    private static func trimmed(_ text: Substring.UTF8View) -> Substring.UTF8View {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = text.firstIndex(where: { !isBlank($0) }),
              let last = text.lastIndex(where: { !isBlank($0) })
        else { return text[text.endIndex...] }
        return text[first...last]
    }

    /// A Set-Cookie value that the browser keeps from scripts and cross-site requests.
    ///
    /// - Parameter maxAge: seconds to keep it; 0 deletes it; nil makes it a session cookie.
    public static func header(
        name: String, value: String, maxAge: Int? = nil, isSecure: Bool = false
    ) -> String {
        var text = "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax"
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        if isSecure { text += "; Secure" }
        return text
    }
}
