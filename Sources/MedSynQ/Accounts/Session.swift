import Foundation

/// A logged-in browser: who it is and the token its forms must carry.
struct Session: Sendable {
    let id: Int64
    let user: User
    let csrfToken: String
    let createdAt: Date
    let lastSeenAt: Date
}
