import MedSynQ

/// `medsynq migrate`: brings every organisation's file to the current schema.
struct MigrateCommand: LifecycleCommand {
    static let name = "migrate"
    static let usage = "medsynq migrate [--data DIR]"
    static let summary = """
        Migrates every organisation's file to this program's schema version; one
        failure is reported without stopping the others, and the exit code is 1.
        """
    static let valuedOptions: Set<String> = []
    static let flagOptions: Set<String> = []

    init(_ arguments: Arguments) throws(UsageError) {
        guard arguments.positionals.isEmpty else { throw UsageError("migrate takes no words") }
    }

    func run(in workspace: Workspace) throws -> Int32 {
        let migrator = Migrator(folder: workspace.folder, catalog: workspace.catalog)
        let tenants = try TenantSelection.all.tenants(in: workspace.catalog)
        var failures = 0
        for tenant in tenants {
            do {
                let outcome = try migrator.migrate(tenant)
                let (from, to) = (outcome.fromVersion, outcome.toVersion)
                printOut(from == to
                    ? "\(label(tenant)): already at schema \(to)"
                    : "\(label(tenant)): migrated from schema \(from) to \(to)")
            } catch {
                failures += 1
                printError("medsynq: migrating \(label(tenant)) failed: \(sentence(for: error))")
            }
        }
        let current = tenants.count - failures
        printError("\(current) of \(tenants.count) organisations are at the current schema.")
        return failures == 0 ? 0 : 1
    }
}
