import Foundation
import MedSynQ
import SQLite

/// A command that works on the tenants of a data folder: tenants, backup,
/// restore, verify, offboard and migrate.
protocol LifecycleCommand: Sendable {
    /// The word that names the command.
    static var name: String { get }
    /// The usage line, shown by --help and after a usage error.
    static var usage: String { get }
    /// One sentence that says what the command does.
    static var summary: String { get }
    /// Options that take a value; --data is accepted by every command.
    static var valuedOptions: Set<String> { get }
    static var flagOptions: Set<String> { get }

    /// Checks the command line; throws `UsageError` when it is wrong.
    init(_ arguments: Arguments) throws(UsageError)

    /// Runs on an opened data folder and returns the exit code. Failures that
    /// concern one tenant of several are printed here; others are thrown.
    func run(in workspace: Workspace) throws -> Int32
}

/// The data folder a command works on, and its catalog.
struct Workspace {
    let folder: DataFolder
    let catalog: Catalog
}

extension LifecycleCommand {
    static var help: String {
        "usage: \(usage)\n\n\(summary)\n\n--data DIR defaults to $MEDSYNQ_DATA, else ./data."
    }

    /// Parses `words`, opens the data folder and runs: exit code 64 with the
    /// usage for a wrong command line, 1 with one sentence for any failure.
    static func main(_ words: [String], environment: [String: String]) -> Int32 {
        do {
            let arguments = try Arguments(
                words, valued: valuedOptions.union(["data"]), flags: flagOptions)
            return try Self(arguments).execute(dataPath(arguments, environment))
        } catch {
            printError("medsynq: \(error.message)\nusage: \(usage)")
            return 64
        }
    }

    private func execute(_ dataPath: String) -> Int32 {
        do {
            let folder = DataFolder(path: dataPath)
            try folder.prepare()
            return try run(in: Workspace(folder: folder, catalog: Catalog(folder: folder)))
        } catch {
            printError("medsynq: \(sentence(for: error))")
            return 1
        }
    }
}

/// Which tenants a command is for: one named on the command line, or all.
enum TenantSelection {
    case one(String)
    case all

    /// Exactly one of ORG and --all, and no other words.
    init(_ arguments: Arguments) throws(UsageError) {
        switch (arguments.positionals.count, arguments.has("all")) {
        case (1, false): self = .one(arguments.positionals[0])
        case (0, true): self = .all
        case (0, false): throw UsageError("name an organisation or give --all")
        default: throw UsageError("give one organisation or --all, not both or several")
        }
    }

    /// The chosen tenants; with --all, those not being offboarded.
    func tenants(in catalog: Catalog) throws -> [Tenant] {
        switch self {
        case .one(let text): [try catalog.tenant(matching: text)]
        case .all: try catalog.allTenants().filter { $0.state != .offboarding }
        }
    }
}

/// `error` as one sentence for an operator: capitalised, ending in a full stop.
func sentence(for error: any Error) -> String {
    var text = error is SQLiteError
        ? "a database operation failed: \(error)" : String(describing: error)
    if let first = text.first, first.isLowercase {
        text = first.uppercased() + text.dropFirst()
    }
    return text.hasSuffix(".") ? text : text + "."
}

/// How an organisation is named in command output: its name and its id.
func label(_ tenant: Tenant) -> String {
    "\(TerminalText.quoted(tenant.name)) (\(tenant.id))"
}
