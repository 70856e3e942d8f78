/// A member of an organisation's staff who can log in.
struct User: Sendable, Equatable {
    /// The user's number within the tenant.
    let id: Int64
    let name: String
    /// Unique within the tenant, in any letter case.
    let email: String
    /// Admins may add staff.
    let isAdmin: Bool
}
