import Foundation
import SQLite

/// The users table of one tenant's file.
struct UserStore {
    let connection: Connection

    /// Adds a user whose password is already hashed; returns the new user.
    ///
    /// Throws a unique-constraint `SQLiteError` if the email is taken.
    func add(name: String, email: String, passwordHash: String, isAdmin: Bool) throws -> User {
        try connection.query(
            """
            INSERT INTO users (name, email, password_hash, is_admin, created_at)
            VALUES (?, ?, ?, ?, ?)
            """,
            name, email, passwordHash, isAdmin ? 1 : 0, Date.now.timeIntervalSince1970)
        return User(
            id: connection.lastInsertRowID, name: name, email: email, isAdmin: isAdmin)
    }

    /// The user with `email` (any letter case) and their password hash.
    func find(email: String) throws -> (user: User, passwordHash: String)? {
        let rows = try connection.query(
            "SELECT id, name, email, is_admin, password_hash FROM users WHERE email = ?", email)
        guard let row = rows.first else { return nil }
        return (user(from: row), row.text(4))
    }

    /// Every user, admins first, then by name.
    func all() throws -> [User] {
        try connection.query(
            """
            SELECT id, name, email, is_admin FROM users
            ORDER BY is_admin DESC, name COLLATE NOCASE
            """
        ).map(user(from:))
    }

    private func user(from row: Row) -> User {
        User(id: row.int(0), name: row.text(1), email: row.text(2), isAdmin: row.int(3) != 0)
    }
}
