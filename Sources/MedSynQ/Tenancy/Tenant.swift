import Foundation

/// One organisation as the catalog records it.
public struct Tenant: Sendable, Equatable {
    public let id: TenantID
    /// The organisation's name as its admin typed it.
    public let name: String
    /// The unique key the name is looked up by (see `lookupKey(for:)`).
    public let lookupKey: String
    public let state: TenantState
    /// The schema version the catalog last recorded for the tenant's file.
    public let schemaVersion: Int
    public let createdAt: Date
    public let lastBackupAt: Date?
    public let lastVerifiedAt: Date?

    /// A tenant as the catalog records it; the lookup key is derived from `name`.
    public init(
        id: TenantID, name: String, state: TenantState, schemaVersion: Int, createdAt: Date,
        lastBackupAt: Date?, lastVerifiedAt: Date?
    ) {
        self.init(
            id: id, name: name, lookupKey: Self.lookupKey(for: name), state: state,
            schemaVersion: schemaVersion, createdAt: createdAt, lastBackupAt: lastBackupAt,
            lastVerifiedAt: lastVerifiedAt)
    }

    /// A tenant read from the catalog, with the lookup key it was stored under
    /// (deriving it again costs more than the rest of the row).
    init(
        id: TenantID, name: String, lookupKey: String, state: TenantState, schemaVersion: Int,
        createdAt: Date, lastBackupAt: Date?, lastVerifiedAt: Date?
    ) {
        self.id = id
        self.name = name
        self.lookupKey = lookupKey
        self.state = state
        self.schemaVersion = schemaVersion
        self.createdAt = createdAt
        self.lastBackupAt = lastBackupAt
        self.lastVerifiedAt = lastVerifiedAt
    }

    // TODO: fold look-alike letters of other scripts — Cyrillic "е" for Latin "e"
    // makes a distinct organisation today; invisible characters are refused.
    /// Folds case, compatibility forms and white space, so that "St. Anne's  Clinic"
    /// and "st. anne's clinic" are the same organisation.
    ///
    /// The catalog stores each key and finds names by it: a change to the folding
    /// needs a catalog migration that computes every stored key again.
    public static func lookupKey(for name: String) -> String {
        name.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }
}
