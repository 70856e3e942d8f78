import Foundation
import Synchronization

// TODO: throttle by client address as well — keyed by organisation and email only,
// anyone who knows a colleague's email can lock them out for the window.
/// Counts failed logins per organisation and email, and refuses further tries for
/// a while after too many, so that passwords cannot be guessed at speed.
///
/// Kept in memory: a restart forgets it, which costs an attacker a restart they
/// cannot cause. Its size is bounded by dropping the oldest records.
final class LoginThrottle: Sendable {
    private let maximumFailures: Int
    private let window: TimeInterval
    private let capacity: Int
    private let records = Mutex<[String: Record]>([:])

    private struct Record {
        var failures: Int
        var firstFailure: Date
    }

    init(maximumFailures: Int = 5, window: TimeInterval = 15 * 60, capacity: Int = 10_000) {
        self.maximumFailures = maximumFailures
        self.window = window
        self.capacity = capacity
    }

    /// Lets a try for `key` go ahead and counts it as failed until `recordSuccess`
    /// says otherwise, so that tries running in parallel cannot pass the limit.
    /// Returns the seconds to wait instead when the limit is reached.
    func admit(_ key: String, now: Date = .now) -> TimeInterval? {
        records.withLock { records in
            if let record = records[key], now >= record.firstFailure.addingTimeInterval(window) {
                records[key] = nil
            }
            if let record = records[key], record.failures >= maximumFailures {
                return record.firstFailure.addingTimeInterval(window).timeIntervalSince(now)
            }
            if records.count >= capacity, records[key] == nil,
               let oldest = records.min(by: { $0.value.firstFailure < $1.value.firstFailure }) {
                records[oldest.key] = nil
            }
            records[key, default: Record(failures: 0, firstFailure: now)].failures += 1
            return nil
        }
    }

    /// Forgets the failures of `key` after a successful login.
    func recordSuccess(for key: String) {
        records.withLock { $0[key] = nil }
    }
}
