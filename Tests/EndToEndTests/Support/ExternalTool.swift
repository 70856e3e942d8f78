import Foundation

/// Programs besides medsynq that an operator would use on its files: the
/// `sqlite3` shell, `tar`, and a POSIX shell for building odd archives.
enum ExternalTool {
    /// Runs `program` with `arguments` in `folder` to completion, with this
    /// process's environment changed by `environment`.
    static func run(
        _ program: String, _ arguments: [String], in folder: String? = nil,
        environment: [String: String] = [:]
    ) throws -> Binary.Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Binary.Outcome(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self))
    }

    /// What the `sqlite3` shell prints for `sql` on the database at `path`.
    static func sqlite(_ path: String, _ sql: String) throws -> String {
        try run("/usr/bin/sqlite3", [path, sql]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `script` with /bin/sh in `folder`; throws if it fails.
    static func shell(_ script: String, in folder: String) throws {
        let outcome = try run("/bin/sh", ["-e", "-c", script], in: folder)
        guard outcome.status == 0 else { throw ExternalToolError.failed(script, outcome.errors) }
    }
}

enum ExternalToolError: Error {
    case failed(String, String)
}
