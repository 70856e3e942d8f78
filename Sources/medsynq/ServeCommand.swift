import Dispatch
import Foundation
import HTTPServer
import MedSynQ

/// `medsynq serve`: the web application on one data folder until SIGINT or SIGTERM.
struct ServeCommand {
    static let usage = """
        medsynq serve [--data DIR] [--host 127.0.0.1] [--port 8000 | $PORT] [--pool-size N]
                      [--threads N] [--secure-cookies]
        """

    let folder: DataFolder
    let configuration: ServerConfiguration
    let requestedPoolSize: Int?
    let sessionPolicy: SessionPolicy

    init(_ arguments: Arguments, environment: [String: String]) throws(UsageError) {
        folder = DataFolder(path: dataPath(arguments, environment))
        var configuration = ServerConfiguration()
        configuration.host = arguments.value("host") ?? "127.0.0.1"
        let environmentPort = try Self.environmentPort(environment)
        let port = try arguments.integer("port", in: 0...65_535) ?? environmentPort ?? 8000
        configuration.port = UInt16(port)
        requestedPoolSize = try arguments.integer("pool-size", in: 1...100_000)
        configuration.threadCount = try arguments.integer("threads", in: 1...256)
            ?? Self.defaultThreadCount
        self.configuration = configuration
        sessionPolicy = SessionPolicy(usesSecureCookies: arguments.has("secure-cookies"))
    }

    /// One request thread a core, at least two (so that one request waiting for
    /// the disk does not stop all). More threads than cores preempt one another
    /// and lengthen the slowest answers: hot p99 12 ms with two a core against
    /// 8 to 10 with one, in tools/bench runs of 2026-12-03; and a busy tenant
    /// has several connections, so its requests do not queue for one.
    static var defaultThreadCount: Int { max(2, ProcessInfo.processInfo.activeProcessorCount) }

    func run() throws {
        // Signals are caught before the address is announced, so that whoever reads
        // the address can stop the server at once.
        let termination = TerminationSignal()
        let logger = Logger.bufferedStandardError()
        defer { logger.flush() }
        try folder.prepare()
        let (configuration, poolSize) = sizedForDescriptors()
        let catalog = try Catalog(folder: folder, connections: configuration.threadCount)
        let share = ShardPool.defaultShardsPerTenant(
            threads: configuration.threadCount, capacity: poolSize)
        let pool = ShardPool(capacity: poolSize, shardsPerTenant: share, folder: folder)
        let app = App(
            folder: folder, catalog: catalog, pool: pool, logger: logger,
            sessionPolicy: sessionPolicy)
        let server = Server(configuration: configuration, handler: app.handle)
        try server.start()
        let address = "http://\(configuration.host):\(server.port)"
        logger.info("serving", [
            "address": address, "data": folder.root.path, "pool": String(poolSize),
            "threads": String(configuration.threadCount),
        ])
        printOut("MedSynQ is serving \(address)")

        let housekeeping = DispatchSource.makeTimerSource(queue: .global())
        housekeeping.schedule(deadline: .now() + .seconds(2), repeating: .seconds(2))
        housekeeping.setEventHandler { app.closeShardsOfDepartedTenants() }
        housekeeping.resume()

        termination.wait()
        housekeeping.cancel()
        logger.info("stopping", ["in_flight": String(server.requestsInFlight)])
        server.stop()
        try pool.closeAll()
        logger.info("stopped")
    }

    /// The connection limit and pool size, chosen so that together they fit the
    /// process's file descriptors: a pool that outgrows them fails to open files.
    private func sizedForDescriptors() -> (ServerConfiguration, Int) {
        let available = DescriptorLimit.raise()
        var configuration = self.configuration
        configuration.connectionLimit = min(configuration.connectionLimit, available / 4)
        // Connections, the catalog (a file and its WAL for each request thread,
        // and its shared index), logs and libraries.
        let reserved = configuration.connectionLimit + 2 * configuration.threadCount + 64
        let poolSize = requestedPoolSize
            ?? ShardPool.defaultCapacity(available: available, reserved: reserved)
        return (configuration, poolSize)
    }

    private static func environmentPort(
        _ environment: [String: String]
    ) throws(UsageError) -> Int? {
        guard let text = environment["PORT"], !text.isEmpty else { return nil }
        guard let port = Int(text), (0...65_535).contains(port) else {
            throw UsageError("$PORT must be a whole number from 0 to 65535, not '\(text)'")
        }
        return port
    }
}

/// The data folder: --data, else $MEDSYNQ_DATA, else ./data.
func dataPath(_ arguments: Arguments, _ environment: [String: String]) -> String {
    arguments.value("data") ?? environment["MEDSYNQ_DATA"] ?? "data"
}
