import Foundation
import Synchronization

/// A bounded number of places for expensive work, with a bounded queue in front.
///
/// `acquire` takes a place, waiting if all are taken, unless the queue is full too:
/// then it throws at once, so that a burst of logins cannot tie up every thread.
final class HashingSlots: Sendable {
    private let running: DispatchSemaphore
    private let limit: Int
    private let admitted = Atomic(0)

    init(running: Int, waiting: Int) {
        self.running = DispatchSemaphore(value: running)
        limit = running + waiting
    }

    /// Takes a place; throws `CredentialsError.busy` when every place and every
    /// queue position is taken.
    func acquire() throws {
        guard admitted.add(1, ordering: .acquiring).newValue <= limit else {
            admitted.subtract(1, ordering: .releasing)
            throw CredentialsError.busy
        }
        running.wait()
    }

    /// Gives back a place taken by `acquire`.
    func release() {
        running.signal()
        admitted.subtract(1, ordering: .releasing)
    }
}
