import Foundation

/// The built `medsynq` program, run as a user would run it.
enum Binary {
    /// Where the program is: $MEDSYNQ_BINARY, else beside the test bundle in the
    /// build folder (`swift build` puts every product there).
    static var path: String {
        if let path = ProcessInfo.processInfo.environment["MEDSYNQ_BINARY"] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appending(path: "medsynq").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return ".build/debug/medsynq"
    }

    /// What one run of the program printed and how it ended.
    struct Outcome {
        let status: Int32
        let output: String
        let errors: String
    }

    /// Runs `medsynq` with `arguments` to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self))
    }
}
