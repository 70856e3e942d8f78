import Foundation

/// How long a session lasts and how its cookie is sent.
public struct SessionPolicy: Sendable {
    /// A session unused for this long ends.
    public var idleTimeout: TimeInterval
    /// A session ends this long after login, used or not.
    public var absoluteTimeout: TimeInterval
    /// Last-use times are written at most this often, not on every request.
    public var touchInterval: TimeInterval
    /// Cookies carry `Secure`, for a server reached only through HTTPS.
    public var usesSecureCookies: Bool

    /// A policy of 30 idle minutes and 12 hours in all, by default.
    public init(
        idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 12 * 60 * 60,
        touchInterval: TimeInterval = 60, usesSecureCookies: Bool = false
    ) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.touchInterval = touchInterval
        self.usesSecureCookies = usesSecureCookies
    }

    /// True when `session` has been idle or alive for too long at `now`.
    func hasExpired(_ session: Session, now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) > idleTimeout
            || now.timeIntervalSince(session.createdAt) > absoluteTimeout
    }
}
