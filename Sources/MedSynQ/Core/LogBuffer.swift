import Foundation
import Synchronization

/// Collects log lines in memory and writes them to a file descriptor in large
/// writes: when a few kilobytes have gathered, when the oldest line has waited
/// `interval`, on `flush()`, and at once for lines that must not wait.
///
/// A server that logs a line per request would otherwise make a system call per
/// request, each behind a lock that every request thread takes. Lines keep
/// their order: they are written with the lock held.
final class LogBuffer: Sendable {
    private let descriptor: Int32
    private let capacity: Int
    private let interval: Duration
    private let state: Mutex<State>
    private let isClosed = Atomic<Bool>(false)

    private struct State {
        var pending: [UInt8] = []
        var oldest: ContinuousClock.Instant?
    }

    /// A buffer for `descriptor` that a thread of its own flushes every `interval`.
    init(descriptor: Int32, capacity: Int = 32 * 1024, interval: Duration = .milliseconds(200)) {
        self.descriptor = descriptor
        self.capacity = capacity
        self.interval = interval
        var state = State()
        state.pending.reserveCapacity(capacity)
        self.state = Mutex(state)
        Thread { [self] in flushPeriodically() }.start()
    }

    /// Adds `line` and a newline; writes everything now when `isUrgent`.
    func append(_ line: String, isUrgent: Bool = false) {
        var line = line
        let now = ContinuousClock.now
        state.withLock { state in
            line.withUTF8 { state.pending.append(contentsOf: $0) }
            state.pending.append(UInt8(ascii: "\n"))
            state.oldest = state.oldest ?? now
            let isDue = state.pending.count >= capacity || now - state.oldest! >= interval
            if isUrgent || isDue { write(&state) }
        }
    }

    /// Writes every line gathered so far.
    func flush() {
        state.withLock { write(&$0) }
    }

    /// Flushes and stops the flushing thread.
    func close() {
        isClosed.store(true, ordering: .relaxed)
        flush()
    }

    private func flushPeriodically() {
        while !isClosed.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: Double(interval.components.seconds)
                + Double(interval.components.attoseconds) / 1e18)
            flush()
        }
    }

    /// Writes `state.pending` whole, retrying short writes; a failed write drops
    /// the lines, since there is nowhere left to report it.
    private func write(_ state: inout State) {
        state.pending.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(
                    descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { break }
                offset += written
            }
        }
        state.pending.removeAll(keepingCapacity: true)
        state.oldest = nil
    }
}
