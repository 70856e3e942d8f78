import HTTPServer

/// A piece of HTML whose interpolated strings are escaped by construction.
///
/// `"<td>\(patient.name)</td>" as HTML` escapes the name; only another `HTML`
/// value is interpolated as it is, so markup can only come from literals.
///
/// It is kept as UTF-8 bytes, the form it is sent in: appending bytes costs a
/// copy, where appending to a `String` costs checks on every piece, and a page
/// is hundreds of pieces.
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup as UTF-8.
    private(set) var bytes: [UInt8]

    init(stringLiteral value: String) {
        bytes = []
        HTML.appendUTF8(value, to: &bytes)
    }

    init(stringInterpolation: Interpolation) {
        bytes = stringInterpolation.bytes
    }

    /// The markup as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    var description: String { text }

    /// Nothing.
    static let empty: HTML = ""

    /// Joins pieces of HTML in order.
    static func joined(_ pieces: [HTML]) -> HTML {
        var result = HTML.empty
        result.bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.bytes.count })
        for piece in pieces { result.bytes += piece.bytes }
        return result
    }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8] = []
        /// Room for every literal and a short value for each interpolation: the
        /// margin kept when the buffer grows for a large piece, which at most the
        /// rest of the literals and values then fill.
        private let headroom: Int

        init(literalCapacity: Int, interpolationCount: Int) {
            headroom = literalCapacity + interpolationCount * 16
            bytes.reserveCapacity(headroom)
        }

        mutating func appendLiteral(_ literal: String) {
            HTML.appendUTF8(literal, to: &bytes)
        }

        /// Text, escaped for both element content and quoted attribute values.
        mutating func appendInterpolation(_ value: String) {
            HTML.appendEscaped(value, to: &bytes)
        }

        mutating func appendInterpolation(_ value: Int64) {
            HTML.appendUTF8(String(value), to: &bytes)
        }

        mutating func appendInterpolation(_ value: Int) {
            HTML.appendUTF8(String(value), to: &bytes)
        }

        /// Markup that is already safe.
        ///
        /// Grows the buffer once for a large piece, such as a table, rather than
        /// doubling it again and again as the rest of the page follows.
        mutating func appendInterpolation(_ value: HTML) {
            if bytes.capacity - bytes.count < value.bytes.count {
                bytes.reserveCapacity(bytes.count + value.bytes.count + headroom)
            }
            bytes += value.bytes
        }
    }

    /// Replaces the five characters that can change the meaning of HTML.
    static func escape(_ value: String) -> String {
        var escaped: [UInt8] = []
        appendEscaped(value, to: &escaped)
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Appends `value` to `bytes` with the five characters replaced.
    ///
    /// Works on UTF-8 bytes: every character replaced is ASCII, and no byte of a
    /// multi-byte character is. Runs without one are copied whole.
    private static func appendEscaped(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { text in
            var start = 0
            for (index, byte) in text.enumerated() {
                guard let replacement = replacement(for: byte) else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
                appendUTF8(replacement, to: &bytes)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
        }
    }

    private static func replacement(for byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }

    private static func appendUTF8(_ text: StaticString, to bytes: inout [UInt8]) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` as one copy of its UTF-8 bytes.
    fileprivate static func appendUTF8(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}

extension Response {
    /// An HTML page.
    static func html(_ page: HTML, status: Int = 200) -> Response {
        Response(
            status: status, headers: [("Content-Type", "text/html; charset=utf-8")],
            body: page.bytes)
    }
}
