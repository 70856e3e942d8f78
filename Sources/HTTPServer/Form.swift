/// Why a request body could not be read as a form.
public enum FormError: Error, Equatable, Sendable {
    case unsupportedContentType
    case invalidEncoding
}

/// The fields of an `application/x-www-form-urlencoded` body
/// (https://url.spec.whatwg.org/#urlencoded-parsing).
public struct Form: Sendable, Equatable {
    private var fields: [String: String]

    public init(_ fields: [String: String] = [:]) {
        self.fields = fields
    }

    /// Parses `body`; when a name repeats, its first value wins.
    public init(urlEncoded body: [UInt8]) throws(FormError) {
        var fields: [String: String] = [:]
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(
                separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            if fields[name] == nil { fields[name] = value }
        }
        self.fields = fields
    }

    /// The value of field `name`, or nil when the form has no such field.
    public subscript(name: String) -> String? {
        fields[name]
    }

    /// Decodes one percent-encoded component, '+' standing for a space.
    static func decode(_ component: ArraySlice<UInt8>) throws(FormError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(component.count)
        var index = component.startIndex
        while index < component.endIndex {
            let byte = component[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < component.endIndex,
                      let high = hexValue(component[index + 1]),
                      let low = hexValue(component[index + 2])
                else { throw .invalidEncoding }
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidEncoding
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
