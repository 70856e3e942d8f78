import Foundation
import Synchronization

/// `medsynq serve` running on a free loopback port with a given data folder.
final class ServerProcess: Sendable {
    let port: Int
    private let process: Process
    private let log: OutputBuffer

    /// Starts the server and waits until it says where it listens.
    init(dataFolder: String, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["serve", "--data", dataFolder, "--port", "0"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let log = OutputBuffer()
        errors.fileHandleForReading.readabilityHandler = { handle in
            log.append(String(decoding: handle.availableData, as: UTF8.self))
        }
        try process.run()
        self.process = process
        self.log = log
        port = try Self.readPort(from: output.fileHandleForReading, process: process)
    }

    deinit {
        stop()
    }

    /// The paths of the files the server process has open, read from /proc.
    func openFiles() -> [String] {
        let folder = "/proc/\(process.processIdentifier)/fd"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\($0)")
        }
    }

    /// What the server has written to standard error so far.
    var logText: String { log.text }

    /// Sends SIGTERM and waits for the server to finish; returns its exit status.
    /// Ends with SIGKILL if SIGTERM has not stopped it within 30 seconds.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        let deadline = Date.now.addingTimeInterval(30)
        while process.isRunning && Date.now < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    private static func readPort(from handle: FileHandle, process: Process) throws -> Int {
        var text = ""
        let deadline = Date.now.addingTimeInterval(20)
        while Date.now < deadline {
            let data = handle.availableData
            if data.isEmpty {
                guard process.isRunning else { break }
                continue
            }
            text += String(decoding: data, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.contains("serving") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                return port
            }
        }
        throw ServerProcessError.didNotStart(text)
    }
}

/// Text gathered from a pipe on another thread.
final class OutputBuffer: Sendable {
    private let contents = Mutex("")

    func append(_ text: String) {
        contents.withLock { $0 += text }
    }

    var text: String { contents.withLock { $0 } }
}

enum ServerProcessError: Error {
    case didNotStart(String)
}
