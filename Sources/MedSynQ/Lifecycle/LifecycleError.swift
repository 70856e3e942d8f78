/// Why a lifecycle command refused or failed, as one sentence for an operator.
public enum LifecycleError: Error, Equatable, CustomStringConvertible {
    case unknownTenant(String)
    case unusableArchive(path: String, ArchiveError)
    case backupCheckFailed(ArchiveError)
    case missingDatabase(String)
    case nameTaken(String)
    case beingOffboarded(String)
    case pageSizeMismatch(String)
    case restoredButNotMigrated(name: String, undoPath: String, reason: String)
    case confirmationNeeded(name: String, files: [String])
    case invalidName(String)
    case tenantBusy(String)

    public var description: String {
        switch self {
        case .unknownTenant(let text):
            "There is no organisation named or with the id \(TerminalText.quoted(text))."
        case .invalidName(let problem):
            "The organisation name cannot be used: \(problem)"
        case .tenantBusy(let name):
            "Another medsynq command is working on \(TerminalText.quoted(name)); "
                + "try again when it has finished."
        case .unusableArchive(let path, let reason):
            "The archive \(path) cannot be used: \(reason)."
        case .backupCheckFailed(let reason):
            "The archive just written failed its read-back check, so it was discarded: \(reason)."
        case .missingDatabase(let name):
            "The database file of \(TerminalText.quoted(name)) is missing."
        case .nameTaken(let name):
            "The organisation name \(TerminalText.quoted(name)) is taken; "
                + "choose another with --as NAME."
        case .beingOffboarded(let name):
            "\(TerminalText.quoted(name)) is being offboarded; run offboard again to finish it."
        case .pageSizeMismatch(let name):
            "The archive's page size differs from the live file of \(TerminalText.quoted(name)); "
                + "restore it with --as NAME instead."
        case .restoredButNotMigrated(let name, let undoPath, let reason):
            "\(TerminalText.quoted(name)) was restored but could not be migrated (\(reason)), "
                + "so it stays under maintenance; its previous file is kept at \(undoPath)."
        case .confirmationNeeded(let name, let files):
            "Offboarding \(TerminalText.quoted(name)) would delete "
                + (files.isEmpty ? "no files (none are left)" : files.joined(separator: ", "))
                + " and remove it from the catalog; add --yes to do it."
        }
    }
}
