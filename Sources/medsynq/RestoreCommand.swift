import Foundation
import MedSynQ

/// `medsynq restore`: brings an organisation back from a backup archive.
struct RestoreCommand: LifecycleCommand {
    static let name = "restore"
    static let usage = "medsynq restore ARCHIVE [--as NAME] [--data DIR]"
    static let summary = """
        Checks the archive in full, then restores it over its organisation (paused
        meanwhile, its previous file kept as an undo copy), or with --as NAME as a
        new organisation. An organisation the catalog no longer has comes back as a
        new one with a new id.
        """
    static let valuedOptions: Set = ["as"]
    static let flagOptions: Set<String> = []

    let archive: String
    let newName: String?

    init(_ arguments: Arguments) throws(UsageError) {
        guard arguments.positionals.count == 1 else {
            throw UsageError("restore needs exactly one archive")
        }
        archive = arguments.positionals[0]
        newName = arguments.value("as")?.trimmingCharacters(in: .whitespacesAndNewlines)
        // The same bounds as the sign-up form's organisation name.
        if let newName, Tenant.lookupKey(for: newName).isEmpty || newName.count > 100 {
            throw UsageError("--as needs a name of 1 to 100 characters")
        }
    }

    func run(in workspace: Workspace) throws -> Int32 {
        let outcome = try RestoreService(folder: workspace.folder, catalog: workspace.catalog)
            .restore(archive: archive, as: newName)
        if let undoPath = outcome.undoPath {
            printOut("Restored \(label(outcome.tenant)); its previous file is kept at \(undoPath).")
            if let earlier = outcome.earlierUndoPath {
                printOut(
                    "An interrupted earlier restore kept the data from before it at \(earlier).")
            }
        } else {
            printOut("Restored the archive as the new organisation \(label(outcome.tenant)).")
        }
        return 0
    }
}
