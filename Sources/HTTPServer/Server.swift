import CMicroHTTPD
import Glibc
import MicroHTTPDShim
import Synchronization

/// An HTTP/1.1 server on GNU libmicrohttpd that hands each complete request to a
/// handler and sends back the response it returns.
///
/// The handler runs on the daemon's own threads, several at once, so it must be
/// `Sendable`. This type is the only place that calls `MHD_*` functions.
public final class Server: Sendable {
    public typealias Handler = @Sendable (Request) -> Response

    public let configuration: ServerConfiguration
    private let handler: Handler
    private let running = Mutex<RunningDaemon?>(nil)
    private let nextRequestID = Atomic<Int>(1)
    private let inFlight = Atomic<Int>(0)

    public init(configuration: ServerConfiguration, handler: @escaping Handler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// The port the server listens on, once started.
    public var port: UInt16 {
        running.withLock { $0?.port ?? 0 }
    }

    /// Requests whose response is being made or sent.
    public var requestsInFlight: Int { inFlight.load(ordering: .relaxed) }

    /// Binds the listening socket and starts the daemon's threads.
    public func start() throws(ServerError) {
        guard running.withLock({ $0 == nil }) else { throw .alreadyStarted }
        let host = configuration.host
        guard let address = SocketAddress(host: host, port: configuration.port) else {
            throw .invalidHost(host)
        }
        // The daemon calls back with this pointer until MHD_stop_daemon returns, so
        // the server is kept alive until then (released in `stop`).
        let context = Unmanaged.passRetained(self)
        // Quiescing a daemon with a thread pool needs its inter-thread channel
        // (MHD_USE_ITC, see MHD_quiesce_daemon in microhttpd.h). libmicrohttpd's own
        // error log stays off: a client could flood it with one line per connection.
        var flags = MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_USE_ITC.rawValue
        if address.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
        let daemon = address.withSockaddr { sockaddr in
            var settings = mhd_shim_settings(
                flags: flags, address: sockaddr,
                thread_pool_size: UInt32(configuration.threadCount),
                connection_timeout_seconds: UInt32(configuration.connectionTimeoutSeconds),
                connection_limit: UInt32(configuration.connectionLimit),
                per_address_connection_limit: UInt32(configuration.connectionLimitPerAddress),
                // Each connection's memory pool holds the request's headers (the
                // Cookie header twice) and the response's, and is zeroed between
                // requests: 6% of a busy server's time at 48 KiB, so it is kept
                // small. Three times maximumHeaderBytes leaves room for all that.
                connection_memory_limit: 3 * max(configuration.maximumHeaderBytes, 4_096),
                handler: accessHandler, handler_context: context.toOpaque(),
                completed: completedHandler, completed_context: context.toOpaque())
            return mhd_shim_start_daemon(&settings)
        }
        guard let daemon else {
            context.release()
            throw .cannotListen(host: host, port: configuration.port)
        }
        let port = mhd_shim_bound_port(daemon)
        running.withLock { $0 = RunningDaemon(daemon: daemon, context: context, port: port) }
    }

    /// Stops accepting connections, lets requests in flight finish (for at most
    /// `gracePeriod` seconds), then stops the daemon and joins its threads.
    ///
    /// A request whose body is still arriving is not waited for.
    public func stop(gracePeriod: Double = 10) {
        guard let daemon = running.withLock({ $0.take() }) else { return }
        // Quiescing closes nothing: it hands back the listening socket, which the
        // caller closes after the daemon stops (MHD_quiesce_daemon in microhttpd.h).
        let listener = MHD_quiesce_daemon(daemon.daemon)
        let deadline = ContinuousClock.now + .milliseconds(Int(gracePeriod * 1_000))
        while requestsInFlight > 0 && ContinuousClock.now < deadline {
            usleep(10_000)
        }
        MHD_stop_daemon(daemon.daemon)
        if listener >= 0 { close(listener) }
        daemon.context.release()
    }

    /// Called by the daemon for each request: first with its headers, then with each
    /// chunk of body, then once more with no data when the body is complete.
    fileprivate func handle(
        connection: OpaquePointer, url: String, method: String,
        upload: UnsafePointer<CChar>?, uploadSize: UnsafeMutablePointer<Int>,
        slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        guard let existing = slot.pointee else {
            let query = Self.values(of: connection, kind: .GET_ARGUMENT_KIND)
            let headers = Self.values(of: connection, kind: .HEADER_KIND)
            let pending = PendingRequest(
                id: nextRequestID.wrappingAdd(1, ordering: .relaxed).oldValue,
                method: method, path: url, query: query.values, headers: headers.values)
            slot.pointee = Unmanaged.passRetained(pending).toOpaque()
            if Self.poolBytes(path: url, query: query, headers: headers)
                > configuration.maximumHeaderBytes {
                pending.areHeadersTooLarge = true
            } else if pending.declaredLength > configuration.maximumBodyBytes {
                pending.isTooLarge = true
            }
            guard !pending.areHeadersTooLarge, !pending.isTooLarge else {
                // Answered before the body is read; the handler still sees the
                // request, flagged, so that it can log and count it.
                return answer(pending, on: connection) { handler(pending.request) }
            }
            return .YES
        }
        let pending = Unmanaged<PendingRequest>.fromOpaque(existing).takeUnretainedValue()
        let count = uploadSize.pointee
        // Body bytes are always consumed, even after an answer, so the daemon moves on.
        uploadSize.pointee = 0
        guard !pending.isAnswered else { return .YES }
        if count > 0 {
            // A body that outgrows the limit is read on but not kept, and answered
            // with 413 once it ends: libmicrohttpd sends no response queued mid-body.
            if pending.body.count + count > configuration.maximumBodyBytes {
                pending.isTooLarge = true
                pending.body = []
            }
            if !pending.isTooLarge {
                pending.body.append(contentsOf: UnsafeRawBufferPointer(start: upload, count: count))
            }
            return .YES
        }
        return answer(pending, on: connection) { handler(pending.request) }
    }

    /// Makes and queues the one response a request gets, counting it as in flight
    /// from now until the daemon reports it complete.
    private func answer(
        _ pending: PendingRequest, on connection: OpaquePointer, making response: () -> Response
    ) -> MHD_Result {
        pending.isAnswered = true
        inFlight.add(1, ordering: .relaxed)
        return queue(response(), on: connection)
    }

    fileprivate func complete(slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) {
        guard let slot, let existing = slot.pointee else { return }
        let pending = Unmanaged<PendingRequest>.fromOpaque(existing).takeRetainedValue()
        slot.pointee = nil
        if pending.isAnswered { inFlight.subtract(1, ordering: .relaxed) }
    }

    private func queue(_ response: Response, on connection: OpaquePointer) -> MHD_Result {
        let made = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(
                bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress),
                .RESPMEM_MUST_COPY)
        }
        guard let made else { return .NO }
        defer { MHD_destroy_response(made) }
        for header in response.headers {
            // libmicrohttpd refuses a header with a line break in it; a response
            // missing a header it was meant to have is not sent at all. (withCString
            // lends a native string's own bytes, where passing a String to a C
            // pointer argument copies it.)
            let isAdded = header.name.withCString { name in
                header.value.withCString { MHD_add_response_header(made, name, $0) == .YES }
            }
            guard isAdded else { return .NO }
        }
        return MHD_queue_response(connection, UInt32(response.status), made)
    }

    /// About how much of libmicrohttpd's connection pool a request's head takes.
    ///
    /// libmicrohttpd keeps the headers (the Cookie header twice) and an entry of
    /// some 48 bytes for every header and query argument in one pool per
    /// connection, and builds the response's headers there too: near its size
    /// a handler could run and its answer not fit. So requests are refused well
    /// short of it, counting generously: the path and query arrive decoded, and
    /// each of their bytes may have been three ("%41") on the wire.
    private static func poolBytes(
        path: String, query: ValueCollector, headers: ValueCollector
    ) -> Int {
        3 * (path.utf8.count + query.textBytes) + headers.textBytes
            + 64 * (query.pairCount + headers.pairCount)
    }

    /// Headers or query arguments of a connection, keyed by lower-cased header name
    /// (query argument names keep their case).
    private static func values(
        of connection: OpaquePointer, kind: MHD_ValueKind
    ) -> ValueCollector {
        let collector = ValueCollector(lowercasesNames: kind == .HEADER_KIND)
        withExtendedLifetime(collector) {
            _ = MHD_get_connection_values(
                connection, kind, collectValue, Unmanaged.passUnretained(collector).toOpaque())
        }
        return collector
    }
}

/// The daemon of a started server and what must be released when it stops.
///
/// Unchecked: it moves in and out of the server's mutex and is used by `start` and
/// `stop` only, never by the daemon's threads.
private struct RunningDaemon: @unchecked Sendable {
    let daemon: OpaquePointer
    let context: Unmanaged<Server>
    let port: UInt16
}

private let accessHandler: MHD_AccessHandlerCallback = {
    context, connection, url, method, _, upload, uploadSize, slot in
    guard let context, let connection, let url, let method, let uploadSize, let slot else {
        return .NO
    }
    let server = Unmanaged<Server>.fromOpaque(context).takeUnretainedValue()
    return server.handle(
        connection: connection, url: String(cString: url), method: String(cString: method),
        upload: upload, uploadSize: uploadSize, slot: slot)
}

private let completedHandler: MHD_RequestCompletedCallback = { context, _, slot, _ in
    guard let context else { return }
    Unmanaged<Server>.fromOpaque(context).takeUnretainedValue().complete(slot: slot)
}

private let collectValue: MHD_KeyValueIterator = { context, _, key, value in
    guard let context, let key else { return .YES }
    let collector = Unmanaged<ValueCollector>.fromOpaque(context).takeUnretainedValue()
    collector.add(name: String(cString: key), value: value.map { String(cString: $0) } ?? "")
    return .YES
}
