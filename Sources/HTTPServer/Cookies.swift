import Foundation

/// Reading the Cookie header and writing Set-Cookie headers (RFC 6265).
public enum Cookies {
    /// The name-value pairs of a Cookie header; when a name repeats, its first value wins.
    public static func parse(_ header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            var value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            if cookies[name] == nil { cookies[name] = value }
        }
        return cookies
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
