/// Messages for the fields of a form that need correcting, keyed by field name.
struct FieldErrors: Error, Sendable, Equatable {
    private var messages: [String: String] = [:]

    init(_ messages: [String: String] = [:]) {
        self.messages = messages
    }

    /// The message for field `name`, if it needs correcting.
    subscript(name: String) -> String? {
        get { messages[name] }
        set { messages[name] = newValue }
    }

    var isEmpty: Bool { messages.isEmpty }
}
