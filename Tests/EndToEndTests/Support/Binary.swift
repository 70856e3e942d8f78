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
        try ExternalTool.run(path, arguments, environment: environment)
    }
}
