import Foundation
import MedSynQ

/// A one-line progress display on standard error, shown only on a terminal.
struct Progress {
    let total: Int
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var done = 0

    init(total: Int) {
        self.total = total
    }

    /// Shows "[n/total] <doing> <tenant>…" in place of the previous line.
    mutating func show(_ doing: String, _ tenant: Tenant) {
        done += 1
        guard isTerminal else { return }
        let line = "\r\u{1B}[K[\(done)/\(total)] \(doing) \(label(tenant))…"
        try? FileHandle.standardError.write(contentsOf: Data(line.utf8))
    }

    /// Clears the progress line so that other output starts at the margin.
    func clear() {
        guard isTerminal else { return }
        try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K".utf8))
    }
}
