import Foundation
import Synchronization

/// Writes one line per event to standard error: a time, a level, a constant message
/// and key=value metadata.
///
/// Callers pass it down rather than reaching for a global. Values are written as
/// given, so never pass a patient field, a password or a session secret.
public struct Logger: Sendable {
    /// How much a line matters; lines below a logger's minimum are dropped.
    public enum Level: Int, Sendable {
        case debug, info, warning, error

        var name: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }
    }

    private let minimumLevel: Level
    private let sink: @Sendable (String) -> Void

    /// A logger that writes lines at `minimumLevel` and above to `sink`.
    public init(minimumLevel: Level = .info, sink: @escaping @Sendable (String) -> Void) {
        self.minimumLevel = minimumLevel
        self.sink = sink
    }

    /// A logger that writes to standard error.
    public static func standardError(minimumLevel: Level = .info) -> Logger {
        let lock = Mutex(())
        return Logger(minimumLevel: minimumLevel) { line in
            // A closed stderr must not end the server: the line is dropped instead.
            lock.withLock { _ in
                try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
            }
        }
    }

    /// Writes `message` with `metadata` if `level` is at or above the minimum.
    public func log(
        _ level: Level, _ message: String, _ metadata: KeyValuePairs<String, String> = [:]
    ) {
        guard level.rawValue >= minimumLevel.rawValue else { return }
        var line = "\(Date.now.formatted(.iso8601)) \(level.name) \(message)"
        for (key, value) in metadata {
            line += " \(key)=\(Self.quoted(value))"
        }
        sink(line)
    }

    /// Logs at the info level.
    public func info(_ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.info, message, metadata)
    }

    /// Logs at the warning level.
    public func warning(_ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.warning, message, metadata)
    }

    /// Logs at the error level.
    public func error(_ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.error, message, metadata)
    }

    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0.isNewline })
        else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }
}
