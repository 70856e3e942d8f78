/// A tenant's id: 32 lower-case hexadecimal digits the server generated.
///
/// Every file name of a tenant comes from its id and nothing else, so the check in
/// `init?(_:)` is what keeps user text out of paths.
public struct TenantID: Hashable, Sendable {
    public let rawValue: String

    /// Accepts only the exact shape the server generates.
    public init?(_ text: String) {
        guard text.utf8.count == 32,
              text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        rawValue = text
    }

    /// A new random id.
    public static func random() -> TenantID {
        TenantID(Credentials.randomHex(bytes: 16))!
    }
}

extension TenantID: CustomStringConvertible {
    public var description: String { rawValue }
}
