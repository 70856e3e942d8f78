import Foundation
import SQLite

/// The patients table of one tenant's file.
struct PatientStore {
    let connection: Connection

    /// Adds a validated patient; returns the new record.
    func add(_ draft: PatientDraft.Valid, by user: User) throws -> Patient {
        try connection.query(
            """
            INSERT INTO patients (name, date_of_birth, notes, created_at, created_by)
            VALUES (?, ?, ?, ?, ?)
            """,
            draft.name, draft.dateOfBirth, draft.notes, Date.now.timeIntervalSince1970, user.id)
        return Patient(
            id: connection.lastInsertRowID, name: draft.name, dateOfBirth: draft.dateOfBirth,
            notes: draft.notes)
    }

    /// Every patient, by name.
    func all() throws -> [Patient] {
        try connection.query(
            "SELECT id, name, date_of_birth, notes FROM patients ORDER BY name COLLATE NOCASE, id"
        ).map(patient(from:))
    }

    /// The patient with `id`, if this tenant has one.
    func find(id: Int64) throws -> Patient? {
        try connection.query(
            "SELECT id, name, date_of_birth, notes FROM patients WHERE id = ?", id
        ).first.map(patient(from:))
    }

    /// How many patients there are.
    func count() throws -> Int {
        Int(try connection.query("SELECT count(*) FROM patients").first?.int(0) ?? 0)
    }

    private func patient(from row: Row) -> Patient {
        Patient(id: row.int(0), name: row.text(1), dateOfBirth: row.text(2), notes: row.text(3))
    }
}
