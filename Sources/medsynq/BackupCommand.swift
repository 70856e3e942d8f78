import Foundation
import MedSynQ

/// `medsynq backup`: archives one organisation or all of them.
struct BackupCommand: LifecycleCommand {
    static let name = "backup"
    static let usage = "medsynq backup ORG | --all [--out DIR] [--data DIR]"
    static let summary = """
        Writes a checked backup archive <name>-<UTC time>.tar.gz of each organisation
        (by default into DIR/backups/<id>/) and prints its path. With --all, one
        failure does not stop the others, and the exit code is 1 if any failed.
        """
    static let valuedOptions: Set = ["out"]
    static let flagOptions: Set = ["all"]

    let selection: TenantSelection
    let outputFolder: String?

    init(_ arguments: Arguments) throws(UsageError) {
        selection = try TenantSelection(arguments)
        outputFolder = arguments.value("out")
    }

    func run(in workspace: Workspace) throws -> Int32 {
        let service = BackupService(folder: workspace.folder, catalog: workspace.catalog)
        let tenants = try selection.tenants(in: workspace.catalog)
        if case .one = selection {
            printOut(try service.backUp(tenants[0], into: outputFolder))
            return 0
        }
        var progress = Progress(total: tenants.count)
        var failures = 0
        for tenant in tenants {
            progress.show("backing up", tenant)
            do {
                let path = try service.backUp(tenant, into: outputFolder)
                progress.clear()
                printOut(path)
            } catch {
                failures += 1
                progress.clear()
                printError("medsynq: backing up \(label(tenant)) failed: \(sentence(for: error))")
            }
        }
        printError("Backed up \(tenants.count - failures) of \(tenants.count) organisations.")
        return failures == 0 ? 0 : 1
    }
}
