import Foundation

/// The medsynq program: parses the command line and runs one command.
///
/// Exit codes: 0 success, 64 wrong usage (with the usage on stderr), 1 any other
/// failure with one sentence on stderr.
let words = Array(CommandLine.arguments.dropFirst())
exit(CommandLineTool.run(words, environment: ProcessInfo.processInfo.environment))
