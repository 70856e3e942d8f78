import Foundation

/// A tenant's id: 32 lower-case hexadecimal digits the server generated.
///
/// Every file name of a tenant comes from its id and nothing else, so the check in
/// `init?(_:)` is what keeps user text out of paths.
public struct TenantID: Hashable, Sendable, CustomStringConvertible {
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

    public var description: String { rawValue }
}

/// Whether the server may serve a tenant.
public enum TenantState: String, Sendable {
    /// Served normally.
    case active
    /// Paused for a restore: its pages say it is under maintenance.
    case maintenance
    /// Being removed: nothing of it is served again.
    case offboarding
}

/// One organisation as the catalog records it.
public struct Tenant: Sendable, Equatable {
    public let id: TenantID
    /// The organisation's name as its admin typed it.
    public let name: String
    public let state: TenantState
    public let schemaVersion: Int
    public let createdAt: Date
    public let lastBackupAt: Date?
    public let lastVerifiedAt: Date?

    /// The unique key an organisation name is looked up by.
    public var lookupKey: String { Self.lookupKey(for: name) }

    /// Folds case, compatibility forms and white space, so that "St. Anne's  Clinic"
    /// and "st. anne's clinic" are the same organisation.
    public static func lookupKey(for name: String) -> String {
        name.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }
}
