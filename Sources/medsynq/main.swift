import Foundation

/// The medsynq program: parses the command line and runs one command.
///
/// Exit codes: 0 success, 64 wrong usage (with the usage on stderr), 1 any other
/// failure with one sentence on stderr.
// Every file the program writes holds patient data or leads to it: readable by
// its owner only, whatever umask the shell had.
umask(0o077)
let words = Array(CommandLine.arguments.dropFirst())
exit(CommandLineTool.run(words, environment: ProcessInfo.processInfo.environment))
