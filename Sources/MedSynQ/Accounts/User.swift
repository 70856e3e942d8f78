/// A member of an organisation's staff who can log in.
public struct User: Sendable, Equatable {
    /// The user's number within the tenant.
    public let id: Int64
    public let name: String
    /// Unique within the tenant, in any letter case.
    public let email: String
    /// Admins may add staff.
    public let isAdmin: Bool
}
