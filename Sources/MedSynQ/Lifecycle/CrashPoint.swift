import Foundation
import Glibc

/// Named points in the restore and offboard commands where tests may stop the
/// process as abruptly as a power cut, to show what a crash there leaves.
///
/// Set `MEDSYNQ_CRASH_AFTER` to a step's name (such as `restore-copied`) and the
/// process kills itself with SIGKILL right after that step: no clean-up runs.
/// This is the only place the variable is read; without it nothing happens.
enum CrashPoint: String, CaseIterable {
    case restorePaused = "restore-paused"
    case restoreUndoKept = "restore-undo-kept"
    case restoreCopied = "restore-copied"
    case restoreMigrated = "restore-migrated"
    case offboardMarked = "offboard-marked"
    case offboardBackedUp = "offboard-backed-up"
    case offboardDeleted = "offboard-deleted"

    private static let chosen = ProcessInfo.processInfo.environment["MEDSYNQ_CRASH_AFTER"]

    /// Kills the process now if `MEDSYNQ_CRASH_AFTER` names this point.
    func reached() {
        guard rawValue == Self.chosen else { return }
        kill(getpid(), SIGKILL)
    }
}
