import Dispatch
import Foundation
import HTTPServer
import MedSynQ

/// `medsynq serve`: the web application on one data folder until SIGINT or SIGTERM.
struct ServeCommand {
    static let usage = """
        medsynq serve [--data DIR] [--host 127.0.0.1] [--port 8000] [--pool-size N] [--threads N]
        """

    let folder: DataFolder
    let configuration: ServerConfiguration
    let poolSize: Int

    init(_ arguments: Arguments, environment: [String: String]) throws(UsageError) {
        folder = DataFolder(path: dataPath(arguments, environment))
        var configuration = ServerConfiguration()
        configuration.host = arguments.value("host") ?? "127.0.0.1"
        let environmentPort = environment["PORT"].flatMap { Int($0) }
        configuration.port = UInt16(try arguments.integer("port", in: 0...65_535) ?? environmentPort ?? 8000)
        poolSize = try arguments.integer("pool-size", in: 1...100_000) ?? ShardPool.defaultCapacity()
        configuration.threadCount = try arguments.integer("threads", in: 1...256)
            ?? Self.defaultThreadCount
        self.configuration = configuration
    }

    /// Two request threads a core: a request that opens a tenant's file or waits
    /// for a sync leaves its core to the other. One a core answers a single busy
    /// tenant a little faster (its requests queue for one lease anyway), at
    /// half the throughput when traffic is spread over more tenants than the
    /// pool holds.
    static var defaultThreadCount: Int { 2 * ProcessInfo.processInfo.activeProcessorCount }

    func run() throws {
        let logger = Logger.bufferedStandardError()
        defer { logger.flush() }
        try folder.prepare()
        let catalog = try Catalog(folder: folder)
        let pool = ShardPool(capacity: poolSize, folder: folder)
        let app = App(folder: folder, catalog: catalog, pool: pool, logger: logger)
        let server = Server(configuration: configuration, handler: app.handle)
        try server.start()
        let address = "http://\(configuration.host):\(server.port)"
        logger.info("serving", [
            "address": address, "data": folder.root.path, "pool": String(poolSize),
            "threads": String(configuration.threadCount),
        ])
        FileHandle.standardOutput.write(Data("MedSynQ is serving \(address)\n".utf8))

        waitForTerminationSignal()
        logger.info("stopping", ["in_flight": String(server.requestsInFlight)])
        server.stop()
        try pool.closeAll()
        logger.info("stopped")
    }

    /// Blocks until SIGINT or SIGTERM arrives.
    private func waitForTerminationSignal() {
        let received = DispatchSemaphore(value: 0)
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { received.signal() }
            source.resume()
            return source
        }
        received.wait()
        sources.forEach { $0.cancel() }
    }
}

/// The data folder: --data, else $MEDSYNQ_DATA, else ./data.
func dataPath(_ arguments: Arguments, _ environment: [String: String]) -> String {
    arguments.value("data") ?? environment["MEDSYNQ_DATA"] ?? "data"
}
