/// A piece of HTML whose interpolated strings are escaped by construction.
///
/// `"<td>\(patient.name)</td>" as HTML` escapes the name; only another `HTML`
/// value is interpolated as it is, so markup can only come from literals.
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var text: String

    init(stringLiteral value: String) {
        text = value
    }

    init(stringInterpolation: Interpolation) {
        text = stringInterpolation.text
    }

    var description: String { text }

    /// Nothing.
    static let empty: HTML = ""

    /// Joins pieces of HTML in order.
    static func joined(_ pieces: [HTML]) -> HTML {
        var result = HTML.empty
        for piece in pieces { result.text += piece.text }
        return result
    }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        /// Text, escaped for both element content and quoted attribute values.
        mutating func appendInterpolation(_ value: String) {
            text += HTML.escape(value)
        }

        mutating func appendInterpolation(_ value: Int64) {
            text += String(value)
        }

        mutating func appendInterpolation(_ value: Int) {
            text += String(value)
        }

        /// Markup that is already safe.
        mutating func appendInterpolation(_ value: HTML) {
            text += value.text
        }
    }

    /// Replaces the five characters that can change the meaning of HTML.
    static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
