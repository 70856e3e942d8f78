/// One patient's record.
public struct Patient: Sendable, Equatable {
    public let id: Int64
    public let name: String
    /// The date of birth as YYYY-MM-DD.
    public let dateOfBirth: String
    public let notes: String
}
