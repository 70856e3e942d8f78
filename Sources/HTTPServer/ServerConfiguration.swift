/// How a server listens and what it accepts.
public struct ServerConfiguration: Sendable {
    /// The IPv4 or IPv6 address to listen on ("localhost" means 127.0.0.1).
    public var host: String
    /// The port to listen on; 0 lets the system choose one (read it from `Server.port`).
    public var port: UInt16
    /// Threads that read requests and run the handler.
    public var threadCount: Int
    // TODO: a deadline for a request's headers — libmicrohttpd closes idle
    // connections only, so a client trickling header lines keeps one open; the
    // per-address limit bounds how many.
    /// Seconds an idle connection is kept before it is closed.
    public var connectionTimeoutSeconds: Int
    /// Connections open at once, across all threads.
    public var connectionLimit: Int
    /// Connections open at once from one client address, so that one client cannot
    /// take every connection.
    public var connectionLimitPerAddress: Int
    /// Bodies larger than this get 413 Content Too Large.
    public var maximumBodyBytes: Int
    /// A request whose path, query and headers together are larger than this
    /// (counted generously: see `Server.poolBytes`) gets 431 without its handler
    /// doing anything; libmicrohttpd's own pool is three times as large.
    public var maximumHeaderBytes: Int

    public init(
        host: String = "127.0.0.1", port: UInt16 = 8000, threadCount: Int = 8,
        connectionTimeoutSeconds: Int = 10, connectionLimit: Int = 1_000,
        connectionLimitPerAddress: Int = 256, maximumBodyBytes: Int = 64 * 1024,
        maximumHeaderBytes: Int = 8 * 1024
    ) {
        self.host = host
        self.port = port
        self.threadCount = threadCount
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionLimit = connectionLimit
        self.connectionLimitPerAddress = connectionLimitPerAddress
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumHeaderBytes = maximumHeaderBytes
    }
}

/// Why a server could not start.
public enum ServerError: Error, Sendable {
    /// The host is not a numeric IPv4 or IPv6 address.
    case invalidHost(String)
    /// Binding failed: the port is taken, or the address is not this machine's.
    case cannotListen(host: String, port: UInt16)
    /// `start` was called on a server that is running.
    case alreadyStarted
}

extension ServerError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidHost(let host):
            "'\(host)' is not an IPv4 or IPv6 address"
        case .cannotListen(let host, let port):
            "cannot listen on \(host) port \(port): another program may be using it "
                + "(choose another with --port or $PORT), or the address is not this machine's"
        case .alreadyStarted:
            "the server is already running"
        }
    }
}
