import CArchive
import Foundation

/// A tar archive written to, or read from, a gzip stream, through libarchive.
///
/// This is the only file that calls libarchive. It owns one `struct archive`
/// and frees it exactly once. libarchive does no compression and touches no
/// file here: its callbacks hand blocks to and from the `GzipStream`, finding
/// this object again through their client-data pointer.
final class TarStream {
    /// What an entry's header says, before any of its data is read.
    struct Entry {
        let name: String
        let size: Int64
        /// A plain file: not a link, folder, device or sparse file.
        let isRegularFile: Bool
    }

    private let handle: OpaquePointer
    private let isWriting: Bool
    private let gzip: GzipStream
    private let block: UnsafeMutableRawBufferPointer
    private var isClosed = false
    /// The Swift error behind a callback's failure, rethrown to the caller.
    private var callbackError: (any Error)?

    /// The tar format written: POSIX pax, which plain `tar` reads and which
    /// has no 8 GiB limit on a file's size.
    init(writingTo gzip: GzipStream) throws {
        self.gzip = gzip
        isWriting = true
        handle = archive_write_new()
        block = .allocate(byteCount: 0, alignment: 1)
        try check(archive_write_set_format_pax_restricted(handle))
        let client = Unmanaged.passUnretained(self).toOpaque()
        let opened = archive_write_open(handle, client, nil, { _, client, bytes, count in
            TarStream.from(client).compress(UnsafeRawBufferPointer(start: bytes, count: count))
        }, nil)
        try check(opened)
    }

    /// Reads tar, and nothing else: no other format and no compression filter.
    init(readingFrom gzip: GzipStream) throws {
        self.gzip = gzip
        isWriting = false
        handle = archive_read_new()
        block = .allocate(byteCount: 1 << 16, alignment: 1)
        try check(archive_read_support_format_tar(handle))
        try check(archive_read_support_filter_none(handle))
        let client = Unmanaged.passUnretained(self).toOpaque()
        let opened = archive_read_open(handle, client, nil, { _, client, start in
            TarStream.from(client).decompress(into: start)
        }, nil)
        try check(opened)
    }

    deinit {
        // A writer that was not finished is marked failed first, so that
        // freeing it does not try to write the archive's end.
        if isWriting, !isClosed { archive_write_fail(handle) }
        let code = isWriting ? archive_write_free(handle) : archive_read_free(handle)
        assert(code == ARCHIVE_OK, "freeing a tar archive failed: \(code)")
        block.deallocate()
    }

    /// Appends a regular file named `name` holding the file at `path`.
    func append(name: String, contentsOf path: String) throws {
        guard let size = Files.size(of: path), let file = FileHandle(forReadingAtPath: path)
        else { throw FileError.cannotCreate(name) }
        defer { try? file.close() }
        try writeHeader(name: name, size: size)
        var written: Int64 = 0
        while let chunk = try file.read(upToCount: 1 << 16), !chunk.isEmpty {
            try chunk.withUnsafeBytes { try writeData($0) }
            written += Int64(chunk.count)
        }
        guard written == size else { throw ArchiveError.sizeMismatch(name) }
    }

    /// Appends a regular file named `name` holding `data`.
    func append(name: String, data: Data) throws {
        try writeHeader(name: name, size: Int64(data.count))
        try data.withUnsafeBytes { try writeData($0) }
    }

    /// Writes the end of the archive; the gzip stream is finished separately.
    func finish() throws {
        try check(archive_write_close(handle))
        isClosed = true
    }

    /// The next entry's header, or nil after the last entry.
    func nextEntry() throws -> Entry? {
        var entry: OpaquePointer?
        let code = archive_read_next_header(handle, &entry)
        if code == ARCHIVE_EOF { return nil }
        try check(code)
        guard let entry else { throw ArchiveError.damagedTar("an entry has no header") }
        let name = archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry)
        // AE_IFREG is a macro Swift cannot import; its documented value is 0o100000.
        let isRegular = archive_entry_filetype(entry) == 0o100000
            && archive_entry_hardlink(entry) == nil && archive_entry_symlink(entry) == nil
            && archive_entry_sparse_count(entry) == 0 && archive_entry_size_is_set(entry) != 0
        return Entry(
            name: name.map { String(cString: $0) } ?? "", size: archive_entry_size(entry),
            isRegularFile: isRegular)
    }

    /// Passes the current entry's data to `consume` in chunks; returns its length.
    func readData(_ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        var total: Int64 = 0
        while true {
            let count = archive_read_data(handle, chunk.baseAddress, chunk.count)
            guard count >= 0 else { throw failure(code: Int32(clamping: count)) }
            guard count > 0 else { return total }
            try consume(UnsafeRawBufferPointer(rebasing: chunk[..<count]))
            total += Int64(count)
        }
    }

    private func writeHeader(name: String, size: Int64) throws {
        let entry = archive_entry_new()
        defer { archive_entry_free(entry) }
        archive_entry_set_pathname(entry, name)
        archive_entry_set_size(entry, size)
        archive_entry_set_filetype(entry, 0o100000)
        archive_entry_set_perm(entry, 0o600)
        archive_entry_set_mtime(entry, time_t(Date.now.timeIntervalSince1970), 0)
        try check(archive_write_header(handle, entry))
    }

    private func writeData(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        let count = archive_write_data(handle, bytes.baseAddress, bytes.count)
        guard count == bytes.count else { throw failure(code: Int32(clamping: count)) }
    }

    /// Throws unless `code` is ARCHIVE_OK: a warning is a failure here, because
    /// an archive this program wrote never causes one.
    private func check(_ code: Int32) throws {
        guard code == ARCHIVE_OK else { throw failure(code: code) }
    }

    /// The error behind a failed call: a callback's own error if there was one.
    private func failure(code: Int32) -> any Error {
        if let callbackError { return callbackError }
        let message = archive_error_string(handle).map { String(cString: $0) }
        return ArchiveError.damagedTar(message ?? "libarchive code \(code)")
    }

    /// The stream behind a callback's client-data pointer, which is this object
    /// and outlives the handle that calls back.
    private static func from(_ client: UnsafeMutableRawPointer?) -> TarStream {
        Unmanaged<TarStream>.fromOpaque(client!).takeUnretainedValue()
    }

    /// libarchive's write callback: compresses one block into the gzip stream.
    private func compress(_ bytes: UnsafeRawBufferPointer) -> Int {
        do {
            try gzip.write(bytes)
            return bytes.count
        } catch {
            callbackError = error
            return -1
        }
    }

    /// libarchive's read callback: lends it the next decompressed block, which
    /// must stay valid until the next call (archive_read_open(3)).
    private func decompress(into start: UnsafeMutablePointer<UnsafeRawPointer?>?) -> Int {
        do {
            let count = try gzip.read(into: block)
            start?.pointee = UnsafeRawPointer(block.baseAddress)
            return count
        } catch {
            callbackError = error
            return -1
        }
    }
}
