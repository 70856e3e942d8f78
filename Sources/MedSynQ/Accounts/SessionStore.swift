import Foundation
import SQLite

/// The sessions table of one tenant's file. Only a digest of each secret is stored.
struct SessionStore {
    let connection: Connection

    /// Starts a session for `user`; returns its secret, which exists nowhere else.
    func start(for user: User, now: Date = .now) throws -> String {
        let secret = Credentials.randomHex(bytes: 32)
        try connection.query(
            """
            INSERT INTO sessions (secret_digest, user_id, csrf_token, created_at, last_seen_at)
            VALUES (?, ?, ?, ?, ?)
            """,
            Credentials.digest(secret), user.id, Credentials.randomHex(bytes: 32),
            now.timeIntervalSince1970, now.timeIntervalSince1970)
        return secret
    }

    /// The session whose secret is `secret`, if there is one.
    func find(secret: String) throws -> Session? {
        let rows = try connection.query(
            """
            SELECT s.id, s.csrf_token, s.created_at, s.last_seen_at,
                   u.id, u.name, u.email, u.is_admin
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.secret_digest = ?
            """,
            Credentials.digest(secret))
        guard let row = rows.first else { return nil }
        let user = User(
            id: row.int(4), name: row.text(5), email: row.text(6), isAdmin: row.int(7) != 0)
        return Session(
            id: row.int(0), user: user, csrfToken: row.text(1),
            createdAt: Date(timeIntervalSince1970: row.real(2)),
            lastSeenAt: Date(timeIntervalSince1970: row.real(3)))
    }

    /// Records that the session was used now.
    ///
    /// It does not wait for the disk: a last-use time lost at a power cut only
    /// makes the session end a little early, and this runs once a minute for
    /// every session in use.
    func touch(_ session: Session, now: Date = .now) throws {
        try connection.withoutWaitingForDisk {
            try connection.query(
                "UPDATE sessions SET last_seen_at = ? WHERE id = ?",
                now.timeIntervalSince1970, session.id)
        }
    }

    /// Ends a session.
    func end(_ sessionID: Int64) throws {
        try connection.query("DELETE FROM sessions WHERE id = ?", sessionID)
    }

    /// Ends every session: in a backup's copy, which keeps no one's login, and
    /// in a file restored from an archive, whose sessions are no one's now.
    func endAll() throws {
        try connection.execute("DELETE FROM sessions")
    }

    /// Ends every session and overwrites what they held (`secure_delete` zeroes
    /// deleted content, whatever SQLite's build default), for a copy that
    /// leaves the server.
    func eraseAll() throws {
        try connection.execute("PRAGMA secure_delete = ON")
        try endAll()
    }

    /// Deletes the sessions that `policy` says have ended by `now`.
    func endExpired(under policy: SessionPolicy, now: Date = .now) throws {
        try connection.query(
            "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?",
            now.timeIntervalSince1970 - policy.idleTimeout,
            now.timeIntervalSince1970 - policy.absoluteTimeout)
    }
}
