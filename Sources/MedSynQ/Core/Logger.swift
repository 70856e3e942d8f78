import Foundation

/// Writes one line per event: a time, a level, a constant message
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
    private let sink: @Sendable (String, Level) -> Void
    private let flushSink: @Sendable () -> Void

    /// A logger that writes lines at `minimumLevel` and above to `sink`.
    public init(minimumLevel: Level = .info, sink: @escaping @Sendable (String) -> Void) {
        self.minimumLevel = minimumLevel
        self.sink = { line, _ in sink(line) }
        flushSink = {}
    }

    private init(minimumLevel: Level, buffer: LogBuffer) {
        self.minimumLevel = minimumLevel
        sink = { line, level in
            buffer.append(line, isUrgent: level.rawValue >= Level.warning.rawValue)
        }
        flushSink = { buffer.flush() }
    }

    /// A logger that gathers lines and writes them to standard error a few
    /// kilobytes at a time, or within a fifth of a second, for a busy server.
    /// Warnings and errors are written at once; call `flush()` before exiting.
    public static func bufferedStandardError(minimumLevel: Level = .info) -> Logger {
        Logger(minimumLevel: minimumLevel, buffer: LogBuffer(descriptor: 2))
    }

    /// Writes what a buffered logger holds; does nothing for others.
    public func flush() {
        flushSink()
    }

    /// A logger that writes nothing, for tests and tools that have no one to tell.
    public static let silent = Logger(minimumLevel: .error) { _ in }

    /// Writes `message` with `metadata` if `level` is at or above the minimum.
    public func log(
        _ level: Level, _ message: String, _ metadata: KeyValuePairs<String, String> = [:]
    ) {
        guard level.rawValue >= minimumLevel.rawValue else { return }
        // Built as bytes: appending to a String checks each of a line's many pieces.
        var line: [UInt8] = []
        line.reserveCapacity(192)
        line.append(contentsOf: Self.timestamp(.now).utf8)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: level.name.utf8)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: message.utf8)
        for (key, value) in metadata {
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: key.utf8)
            line.append(UInt8(ascii: "="))
            line.append(contentsOf: Self.quoted(value).utf8)
        }
        sink(String(decoding: line, as: UTF8.self), level)
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

    /// `date` as "2026-12-03T17:28:25Z": UTC, whole seconds.
    static func timestamp(_ date: Date) -> String {
        UTCTime.text(date)
    }

    private static func quoted(_ value: String) -> String {
        // Bytes, not characters: every byte that calls for quotes is ASCII.
        let needsQuotes = value.isEmpty || value.utf8.contains {
            $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
                || $0 == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }
}
