import Foundation

/// A logged-in browser: who it is and the token its forms must carry.
public struct Session: Sendable {
    public let id: Int64
    public let user: User
    public let csrfToken: String
    public let createdAt: Date
    public let lastSeenAt: Date
}
