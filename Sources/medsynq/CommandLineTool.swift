import Foundation

/// Chooses the command named by the first word and runs it.
enum CommandLineTool {
    static let usage = """
        usage: medsynq COMMAND [options]

        commands:
          \(ServeCommand.usage)
          \(lifecycleCommands.map { $0.usage }.joined(separator: "\n  "))
          \(SeedCommand.usage)

        --data DIR defaults to $MEDSYNQ_DATA, else ./data.
        """

    static func run(_ words: [String], environment: [String: String]) -> Int32 {
        guard let command = words.first else { return usageFailure("a command is needed", usage) }
        let rest = Array(words.dropFirst())
        let asksForHelp = rest.contains("--help") || rest.contains("-h")
        // The command's own usage where there is one, else the list of commands.
        let commandUsage = ["serve": ServeCommand.usage, "seed": SeedCommand.usage][command]
            .map { "usage: " + $0 }
        if asksForHelp || command == "--help" || command == "help" {
            let lifecycleHelp = lifecycleCommand(named: command)?.help
            printOut(commandUsage ?? lifecycleHelp ?? usage)
            return 0
        }
        if let lifecycle = lifecycleCommand(named: command) {
            return lifecycle.main(rest, environment: environment)
        }
        do {
            switch command {
            case "serve":
                let arguments = try Arguments(
                    rest, valued: ["data", "host", "port", "pool-size", "threads"],
                    flags: ["secure-cookies"])
                guard arguments.positionals.isEmpty else {
                    throw UsageError("serve takes no words")
                }
                try ServeCommand(arguments, environment: environment).run()
            case "seed":
                let valued: Set = ["data", "tenants", "patients", "sessions"]
                let arguments = try Arguments(rest, valued: valued, flags: [])
                try SeedCommand(arguments, environment: environment).run()
            default:
                return usageFailure("unknown command '\(command)'", usage)
            }
            return 0
        } catch let error as UsageError {
            return usageFailure(error.message, commandUsage ?? usage)
        } catch {
            printError("medsynq: \(error)")
            return 1
        }
    }

    /// The commands that work on tenants, each in its own file.
    static let lifecycleCommands: [any LifecycleCommand.Type] = [
        TenantsCommand.self, BackupCommand.self, RestoreCommand.self, VerifyCommand.self,
        OffboardCommand.self, MigrateCommand.self,
    ]

    private static func lifecycleCommand(named name: String) -> (any LifecycleCommand.Type)? {
        lifecycleCommands.first { $0.name == name }
    }

    private static func usageFailure(_ message: String, _ usage: String) -> Int32 {
        printError("medsynq: \(message)\n\(usage)")
        return 64
    }
}

/// Writes a line to standard output; a closed output is not worth a crash.
func printOut(_ text: String) {
    try? FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8))
}

/// Writes a line to standard error.
func printError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
}
