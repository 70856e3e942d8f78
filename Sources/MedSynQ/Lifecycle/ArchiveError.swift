/// Why a backup archive cannot be trusted, as a clause that completes
/// "The archive … cannot be used: …".
///
/// Entry names come from the archive, which may be hostile, so they are shown
/// through `TerminalText.quoted(_:limit:)`.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    case missing
    case notAFile
    case empty
    case notGzip
    case corruptGzip(String)
    case truncated
    case trailingData
    case tooLarge(limit: Int64)
    case excessPadding
    case damagedTar(String)
    case unexpectedEntry(String)
    case duplicateEntry(String)
    case notRegularFile(String)
    case missingEntry(String)
    case sizeMismatch(String)
    case unreadableManifest(String)
    case unknownFormat(Int)
    case checksumMismatch
    case rowCountMismatch
    case failsIntegrityCheck(String)
    case unreadableDatabase(String)
    case schemaTooNew(version: Int, known: Int)
    case unexpectedSchema

    public var description: String {
        switch self {
        case .missing: "there is no file at that path"
        case .notAFile: "it is a folder or a special file, not an archive"
        case .empty: "the file is empty"
        case .notGzip: "it is not a gzip file"
        case .corruptGzip(let detail): "its gzip data is corrupt (\(detail))"
        case .truncated: "it ends early, as if it was cut short"
        case .trailingData: "it has unexpected data after the end of its gzip stream"
        case .tooLarge(let limit): "its contents expand past the limit of \(limit) bytes"
        case .excessPadding: "it has far more padding after its last entry than tar needs"
        case .damagedTar(let detail): "its tar data is damaged (\(detail))"
        case .unexpectedEntry(let name): "it holds an unexpected entry \(TerminalText.quoted(name))"
        case .duplicateEntry(let name): "it holds the entry \(TerminalText.quoted(name)) twice"
        case .notRegularFile(let name):
            "its entry \(TerminalText.quoted(name)) is not a regular file"
        case .missingEntry(let name):
            "it has no \(TerminalText.quoted(name)) entry where one belongs"
        case .sizeMismatch(let name):
            "its entry \(TerminalText.quoted(name)) is not the size its manifest states"
        case .unreadableManifest(let detail): "its manifest cannot be read (\(detail))"
        case .unknownFormat(let format):
            "its format \(format) is not one this program knows (a newer MedSynQ made it?)"
        case .checksumMismatch: "its database does not match the SHA-256 in its manifest"
        case .rowCountMismatch: "its database's row counts do not match its manifest"
        case .failsIntegrityCheck(let problem):
            "its database fails PRAGMA integrity_check (\(problem))"
        case .unreadableDatabase(let detail): "its database cannot be opened (\(detail))"
        case .schemaTooNew(let version, let known):
            "its schema version \(version) is newer than this program's \(known)"
        case .unexpectedSchema:
            "its database holds tables, indexes or triggers that MedSynQ does not make"
        }
    }
}
