/// Writes Prometheus' text exposition format, one line at a time.
///
/// The format (https://prometheus.io/docs/instrumenting/exposition_formats/):
/// a `# HELP` and a `# TYPE` line per family, then one line per sample with
/// its labels in braces; label values escape backslash, double quote and newline.
struct MetricsText {
    private(set) var output = ""

    /// Starts a family of samples.
    mutating func family(_ name: String, type: String, help: String) {
        output += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// One sample of a whole number.
    mutating func sample(_ name: String, labels: [(String, String)] = [], value: Int) {
        line(name, labels: labels, value: String(value))
    }

    /// One sample of a real number.
    mutating func sample(_ name: String, labels: [(String, String)] = [], value: Double) {
        line(name, labels: labels, value: String(value))
    }

    private mutating func line(_ name: String, labels: [(String, String)], value: String) {
        output += name
        if !labels.isEmpty {
            let pairs = labels.map { "\($0.0)=\"\(Self.escaped($0.1))\"" }
            output += "{" + pairs.joined(separator: ",") + "}"
        }
        output += " " + value + "\n"
    }

    /// A label value with `\`, `"` and newlines escaped.
    static func escaped(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
