import Dispatch
import Glibc

/// SIGINT and SIGTERM, caught from the moment this value exists until `wait` returns.
///
/// Ignoring the default action and listening through dispatch sources happen in
/// one place, before the server starts, so no signal can fall between the two.
final class TerminationSignal {
    private let received = DispatchSemaphore(value: 0)
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            // The default action would end the process; the source still hears it.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [received] in received.signal() }
            source.resume()
            sources.append(source)
        }
        // A client that hangs up must not end the process through SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Blocks until SIGINT or SIGTERM arrives.
    func wait() {
        received.wait()
        sources.forEach { $0.cancel() }
    }
}
