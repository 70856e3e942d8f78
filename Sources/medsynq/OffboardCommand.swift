import Foundation
import MedSynQ

/// `medsynq offboard`: removes an organisation and all its data.
struct OffboardCommand: LifecycleCommand {
    static let name = "offboard"
    static let usage = "medsynq offboard ORG [--final-backup DIR] --yes [--data DIR]"
    static let summary = """
        Stops serving the organisation, optionally backs it up into DIR, deletes its
        files and removes it from the catalog. Without --yes it only says what it
        would delete and exits 1. Running it again finishes an interrupted one.
        """
    static let valuedOptions: Set = ["final-backup"]
    static let flagOptions: Set = ["yes"]

    let tenantText: String
    let finalBackupFolder: String?
    let isConfirmed: Bool

    init(_ arguments: Arguments) throws(UsageError) {
        guard arguments.positionals.count == 1 else {
            throw UsageError("offboard needs exactly one organisation")
        }
        tenantText = arguments.positionals[0]
        finalBackupFolder = arguments.value("final-backup")
        isConfirmed = arguments.has("yes")
    }

    func run(in workspace: Workspace) throws -> Int32 {
        let tenant = try workspace.catalog.tenant(matching: tenantText)
        let offboarder = Offboarder(folder: workspace.folder, catalog: workspace.catalog)
        guard isConfirmed else {
            throw LifecycleError.confirmationNeeded(
                name: tenant.name, files: offboarder.filesToDelete(of: tenant))
        }
        let outcome = try offboarder.offboard(tenant, finalBackupFolder: finalBackupFolder)
        if let finalBackup = outcome.finalBackup {
            printOut("Final backup of \(label(tenant)): \(finalBackup)")
        }
        printOut("Offboarded \(label(tenant)): deleted \(outcome.deletedFiles.count) files.")
        let backups = workspace.folder.backupsPath(for: tenant.id)
        if FileManager.default.fileExists(atPath: backups) {
            printOut("Its earlier backups in \(backups) were kept; delete them when allowed.")
        }
        return 0
    }
}
