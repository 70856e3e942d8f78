import Foundation

/// Chooses the command named by the first word and runs it.
enum CommandLineTool {
    static let usage = """
        usage: medsynq COMMAND [options]

        commands:
          \(ServeCommand.usage)
          \(SeedCommand.usage)

        --data DIR defaults to $MEDSYNQ_DATA, else ./data.
        """

    static func run(_ words: [String], environment: [String: String]) -> Int32 {
        guard let command = words.first else { return usageFailure("a command is needed", usage) }
        let rest = Array(words.dropFirst())
        if rest.contains("--help") || rest.contains("-h") || command == "--help" || command == "help" {
            printOut(command == "serve" ? ServeCommand.usage : usage)
            return 0
        }
        do {
            switch command {
            case "serve":
                let valued: Set = ["data", "host", "port", "pool-size", "threads"]
                let arguments = try Arguments(rest, valued: valued, flags: [])
                guard arguments.positionals.isEmpty else { throw UsageError("serve takes no words") }
                try ServeCommand(arguments, environment: environment).run()
            case "seed":
                let valued: Set = ["data", "tenants", "patients", "sessions"]
                try SeedCommand(Arguments(rest, valued: valued, flags: []), environment: environment)
                    .run()
            default:
                return usageFailure("unknown command '\(command)'", usage)
            }
            return 0
        } catch let error as UsageError {
            return usageFailure(error.message, usage)
        } catch {
            printError("medsynq: \(error)")
            return 1
        }
    }

    private static func usageFailure(_ message: String, _ usage: String) -> Int32 {
        printError("medsynq: \(message)\n\(usage)")
        return 64
    }
}

func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
