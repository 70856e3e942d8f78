import Foundation

/// The archive a backup is kept in: a gzip-compressed tar holding
/// `manifest.json` and then `tenant.sqlite`, and nothing else.
///
/// Reading trusts nothing in the file. The two entries must come in that order,
/// as regular files within `ArchiveLimits`; their data goes to names this
/// program chooses, never to a path from the archive; and the gzip trailer is
/// checked before the database itself is (see `ExtractedBackup.check()`).
public enum BackupArchive {
    static let manifestEntry = "manifest.json"
    static let databaseEntry = "tenant.sqlite"

    /// Writes `manifest` and the database file at `databasePath` as a new
    /// archive at `path`, and flushes it to disk.
    static func write(_ manifest: Manifest, database databasePath: String, to path: String) throws {
        let gzip = try GzipStream(compressingTo: path)
        let tar = try TarStream(writingTo: gzip)
        try tar.append(name: manifestEntry, data: manifest.encoded())
        try tar.append(name: databaseEntry, contentsOf: databasePath)
        try tar.finish()
        try gzip.finish()
    }

    /// Extracts the archive at `path` into `folder` and checks everything:
    /// gzip integrity, the entries, the manifest, the checksum, the row counts,
    /// `integrity_check` and the schema version.
    ///
    /// Throws an `ArchiveError` saying what is wrong with the archive.
    static func extract(
        _ path: String, into folder: String, limits: ArchiveLimits = ArchiveLimits()
    ) throws -> ExtractedBackup {
        guard let size = Files.size(of: path) else { throw ArchiveError.missing }
        guard Files.isRegularFile(path) else { throw ArchiveError.notAFile }
        guard size > 0 else { throw ArchiveError.empty }
        let gzip = try GzipStream(decompressingFrom: path, limit: limits.maxExpandedBytes)
        let tar = try TarStream(readingFrom: gzip)

        let manifest = try readManifest(from: tar, limits: limits)
        let databasePath = folder + "/" + databaseEntry
        try readDatabase(from: tar, to: databasePath, manifest: manifest, limits: limits)
        if let extra = try tar.nextEntry() {
            let isKnown = [manifestEntry, databaseEntry].contains(extra.name)
            throw isKnown ? ArchiveError.duplicateEntry(extra.name) : .unexpectedEntry(extra.name)
        }
        // Only the end of the gzip stream proves its CRC-32 and length.
        try gzip.readToEnd(allowing: limits.maxPaddingBytes)

        let backup = ExtractedBackup(manifest: manifest, databasePath: databasePath)
        try backup.check()
        return backup
    }

    private static func readManifest(
        from tar: TarStream, limits: ArchiveLimits
    ) throws -> Manifest {
        let entry = try expectEntry(manifestEntry, from: tar)
        guard entry.size <= limits.maxManifestBytes else {
            throw ArchiveError.tooLarge(limit: limits.maxManifestBytes)
        }
        var data = Data()
        _ = try tar.readData { data.append(contentsOf: $0) }
        return try Manifest.decoded(from: data)
    }

    private static func readDatabase(
        from tar: TarStream, to path: String, manifest: Manifest, limits: ArchiveLimits
    ) throws {
        let entry = try expectEntry(databaseEntry, from: tar)
        guard entry.size <= limits.maxDatabaseBytes else {
            throw ArchiveError.tooLarge(limit: limits.maxDatabaseBytes)
        }
        guard entry.size == manifest.database.size else {
            throw ArchiveError.sizeMismatch(databaseEntry)
        }
        let file = try Files.createPrivateFile(path)
        defer { try? file.close() }
        let written = try tar.readData { try file.write(contentsOf: $0) }
        guard written == entry.size else { throw ArchiveError.sizeMismatch(databaseEntry) }
    }

    /// The next entry, which must be a regular file called `name`.
    private static func expectEntry(_ name: String, from tar: TarStream) throws -> TarStream.Entry {
        guard let entry = try tar.nextEntry() else { throw ArchiveError.missingEntry(name) }
        guard entry.name == name else {
            // The manifest always comes first, so seeing it here means twice.
            if entry.name == manifestEntry { throw ArchiveError.duplicateEntry(entry.name) }
            throw entry.name == databaseEntry
                ? ArchiveError.missingEntry(name) : .unexpectedEntry(entry.name)
        }
        guard entry.isRegularFile else { throw ArchiveError.notRegularFile(name) }
        return entry
    }
}

/// How much an archive may hold, so that a hostile one cannot fill the disk.
public struct ArchiveLimits: Sendable {
    public var maxManifestBytes: Int64 = 64 << 10
    /// A clinic's records are far smaller; 8 GiB leaves room to grow.
    public var maxDatabaseBytes: Int64 = 8 << 30
    /// Tar pads its end to a whole record, 10 KiB by default.
    public var maxPaddingBytes: Int64 = 1 << 20

    public init() {}

    /// The most uncompressed bytes an archive within these limits can have,
    /// headers included.
    var maxExpandedBytes: Int64 { maxManifestBytes + maxDatabaseBytes + maxPaddingBytes + 8192 }
}
