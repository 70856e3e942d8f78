import MedSynQ

/// `medsynq verify`: checks organisations' files.
struct VerifyCommand: LifecycleCommand {
    static let name = "verify"
    static let usage = "medsynq verify ORG | --all [--data DIR]"
    static let summary = """
        Runs integrity_check on each organisation's file and checks its schema
        version; prints a line per organisation and exits 1 if any has a problem.
        """
    static let valuedOptions: Set<String> = []
    static let flagOptions: Set = ["all"]

    let selection: TenantSelection

    init(_ arguments: Arguments) throws(UsageError) {
        selection = try TenantSelection(arguments)
    }

    func run(in workspace: Workspace) throws -> Int32 {
        let verifier = Verifier(folder: workspace.folder, catalog: workspace.catalog)
        let tenants = try selection.tenants(in: workspace.catalog)
        var progress = Progress(total: tenants.count)
        var failures = 0
        for tenant in tenants {
            progress.show("verifying", tenant)
            let report = verifier.verify(tenant)
            progress.clear()
            if report.isSound {
                printOut("ok      \(label(tenant)): schema \(report.schemaVersion ?? 0)")
            } else {
                failures += 1
                printOut("FAILED  \(label(tenant)): \(report.problems.joined(separator: "; "))")
            }
        }
        guard failures > 0 else { return 0 }
        printError("medsynq: \(failures) of \(tenants.count) organisations failed verification.")
        return 1
    }
}
