/// A command line split into positional words, options with values, and flags.
struct Arguments {
    private(set) var positionals: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []

    /// Parses `words`; `valued` names the options that take a value ("--port 8000"
    /// or "--port=8000"), `flags` those that stand alone. Anything else is an error.
    init(_ words: [String], valued: Set<String>, flags knownFlags: Set<String>) throws(UsageError) {
        var remaining = words[...]
        while let word = remaining.popFirst() {
            guard word.hasPrefix("--"), word.count > 2 else {
                positionals.append(word)
                continue
            }
            let parts = word.dropFirst(2).split(separator: "=", maxSplits: 1)
            let name = String(parts[0])
            if valued.contains(name) {
                let value = parts.count > 1 ? String(parts[1]) : remaining.popFirst()
                // "--port --data x" is a forgotten value, not a port named "--data".
                guard let value, !value.isEmpty, !value.hasPrefix("--") else {
                    throw UsageError("--\(name) needs a value")
                }
                options[name] = value
            } else if knownFlags.contains(name), parts.count == 1 {
                flags.insert(name)
            } else {
                throw UsageError("unknown option --\(name)")
            }
        }
    }

    func value(_ name: String) -> String? { options[name] }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The integer value of option `name`, if given, checked against `range`.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = options[name] else { return nil }
        guard let number = Int(text), range.contains(number) else {
            let bounds = "\(range.lowerBound) to \(range.upperBound)"
            throw UsageError("--\(name) must be a whole number from \(bounds)")
        }
        return number
    }
}

/// The command line is wrong: shown with the usage, exit code 64.
struct UsageError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
