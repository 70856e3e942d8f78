import CZlib
import Foundation

/// A gzip file being written or read, through zlib.
///
/// This is the only file that calls zlib. It owns one `z_stream`, on the heap
/// because zlib checks that a stream has not moved in memory between calls, and
/// ends it exactly once.
final class GzipStream {
    private enum Direction {
        case compressing
        case decompressing(limit: Int64)
    }

    private let direction: Direction
    private let stream: UnsafeMutablePointer<z_stream>
    private let file: FileHandle
    /// Compressed bytes: zlib's output when writing, its input when reading.
    private let buffer: UnsafeMutableRawBufferPointer
    private var isEnded = false
    private var hasReachedEnd = false
    /// Uncompressed bytes written or read so far.
    private(set) var byteCount: Int64 = 0

    private static let bufferSize = 1 << 16
    /// Window bits 15 plus 16: a gzip header and trailer instead of zlib's
    /// (https://zlib.net/manual.html#Advanced).
    private static let gzipWindowBits: Int32 = 15 + 16

    /// Starts a new gzip file at `path`, readable by its owner only.
    init(compressingTo path: String) throws {
        file = try Files.createPrivateFile(path)
        direction = .compressing
        (stream, buffer) = Self.allocate()
        // deflateInit2 is a macro; its function takes the version and stream size.
        let code = deflateInit2_(
            stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, Self.gzipWindowBits, 8,
            Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        try checkStarted(code)
    }

    /// Opens the gzip file at `path`; producing more than `limit` uncompressed
    /// bytes throws `ArchiveError.tooLarge`.
    init(decompressingFrom path: String, limit: Int64) throws {
        guard let file = FileHandle(forReadingAtPath: path) else { throw ArchiveError.missing }
        self.file = file
        direction = .decompressing(limit: limit)
        (stream, buffer) = Self.allocate()
        // Gzip window bits only: a raw or zlib stream is refused.
        let code = inflateInit2_(
            stream, Self.gzipWindowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        try checkStarted(code)
    }

    deinit {
        endStream()
        do {
            try file.close()
        } catch {
            assertionFailure("closing a gzip file failed: \(error)")
        }
        stream.deallocate()
        buffer.deallocate()
    }

    /// Compresses `bytes` into the file.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        stream.pointee.next_in = UnsafeMutablePointer(
            mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        try deflateAll(flush: Z_NO_FLUSH)
        byteCount += Int64(bytes.count)
    }

    /// Writes the gzip trailer (CRC-32 and length) and flushes the file to disk.
    func finish() throws {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        try deflateAll(flush: Z_FINISH)
        endStream()
        try file.synchronize()
    }

    /// Fills `output` with uncompressed bytes; returns how many, 0 at the end.
    ///
    /// The end is only reported after zlib has checked the gzip trailer's CRC-32
    /// and length, and after making sure nothing follows the stream.
    func read(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !hasReachedEnd, !output.isEmpty else { return 0 }
        stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        while stream.pointee.avail_out == uInt(output.count), !hasReachedEnd {
            try refillIfEmpty()
            try inflateOnce()
        }
        let produced = output.count - Int(stream.pointee.avail_out)
        byteCount += Int64(produced)
        if case .decompressing(let limit) = direction, byteCount > limit {
            throw ArchiveError.tooLarge(limit: limit)
        }
        return produced
    }

    /// Reads and discards the rest of the stream, so that its trailer is checked.
    ///
    /// Throws `ArchiveError.excessPadding` if more than `allowance` bytes remain.
    func readToEnd(allowing allowance: Int64) throws {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 14, alignment: 1)
        defer { scratch.deallocate() }
        var discarded: Int64 = 0
        var count = 0
        repeat {
            count = try read(into: scratch)
            discarded += Int64(count)
            guard discarded <= allowance else { throw ArchiveError.excessPadding }
        } while count > 0
    }

    private static func allocate()
        -> (UnsafeMutablePointer<z_stream>, UnsafeMutableRawBufferPointer)
    {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        return (stream, .allocate(byteCount: bufferSize, alignment: 1))
    }

    private func checkStarted(_ code: Int32) throws {
        guard code == Z_OK else {
            isEnded = true
            throw ArchiveError.corruptGzip("zlib could not start: code \(code)")
        }
    }

    /// Runs deflate until it has taken all input (and, when finishing, until
    /// the stream ends), writing each full buffer to the file.
    private func deflateAll(flush: Int32) throws {
        while true {
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(buffer.count)
            let code = deflate(stream, flush)
            guard code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR else {
                throw ArchiveError.corruptGzip("deflate failed: code \(code)")
            }
            let produced = buffer.count - Int(stream.pointee.avail_out)
            try file.write(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<produced]))
            let isDone = flush == Z_FINISH
                ? code == Z_STREAM_END
                : stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0
            if isDone { return }
        }
    }

    /// Reads the next compressed chunk when zlib has used up the last one.
    private func refillIfEmpty() throws {
        guard stream.pointee.avail_in == 0 else { return }
        guard let chunk = try file.read(upToCount: buffer.count), !chunk.isEmpty else {
            throw byteCount == 0 && stream.pointee.total_in == 0
                ? ArchiveError.empty : ArchiveError.truncated
        }
        chunk.copyBytes(to: buffer)
        stream.pointee.next_in = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(chunk.count)
    }

    private func inflateOnce() throws {
        let code = inflate(stream, Z_NO_FLUSH)
        switch code {
        case Z_OK, Z_BUF_ERROR:
            return
        case Z_STREAM_END:
            hasReachedEnd = true
            let nextByte = try file.read(upToCount: 1) ?? Data()
            if stream.pointee.avail_in > 0 || !nextByte.isEmpty {
                throw ArchiveError.trailingData
            }
        case Z_DATA_ERROR where stream.pointee.total_out == 0 && byteCount == 0:
            throw ArchiveError.notGzip
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "code \(code)"
            throw ArchiveError.corruptGzip(message)
        }
    }

    /// Frees zlib's state once. Ending a compression that never finished
    /// reports Z_DATA_ERROR, which is expected when a write was abandoned.
    private func endStream() {
        guard !isEnded else { return }
        isEnded = true
        let code: Int32
        switch direction {
        case .compressing: code = deflateEnd(stream)
        case .decompressing: code = inflateEnd(stream)
        }
        assert(code == Z_OK || code == Z_DATA_ERROR, "ending a zlib stream failed: \(code)")
    }
}
