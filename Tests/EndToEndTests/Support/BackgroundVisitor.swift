import Foundation
import Synchronization
import TestSupport

/// A visitor on its own thread who repeats one request until stopped, as
/// another user of the server would, keeping the status of every attempt.
final class BackgroundVisitor: Sendable {
    private let state = Mutex((statuses: [Int](), isStopped: false))
    private let finished = DispatchSemaphore(value: 0)

    /// Starts sending `request`, given a visitor holding `cookies` and the
    /// attempt's number from 1; a request that fails to connect counts as -1.
    init(
        port: Int, cookies: [String: String],
        request: @escaping @Sendable (Visitor, Int) throws -> HTTPResponse
    ) {
        Thread.detachNewThread { [self] in
            let visitor = Visitor(port: port)
            visitor.client.cookies = cookies
            var attempt = 0
            while !state.withLock({ $0.isStopped }) {
                attempt += 1
                let status = (try? request(visitor, attempt).status) ?? -1
                state.withLock { $0.statuses.append(status) }
            }
            finished.signal()
        }
    }

    /// The statuses so far, in order.
    var statuses: [Int] { state.withLock { $0.statuses } }

    /// Waits until at least `count` attempts have ended.
    func waitForAttempts(_ count: Int) {
        while statuses.count < count { usleep(2_000) }
    }

    /// Stops after the attempt in flight and returns every status.
    @discardableResult
    func stop() -> [Int] {
        state.withLock { $0.isStopped = true }
        finished.wait()
        return statuses
    }
}
