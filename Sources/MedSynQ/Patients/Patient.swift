/// One patient's record.
struct Patient: Sendable, Equatable {
    let id: Int64
    let name: String
    /// The date of birth as YYYY-MM-DD.
    let dateOfBirth: String
    let notes: String
}
