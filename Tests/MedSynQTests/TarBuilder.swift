import Foundation
@testable import MedSynQ

/// Tar data built byte by byte in the POSIX ustar layout, to make archives this
/// program would never write: links, escaping names, lying sizes, padding.
struct TarBuilder {
    private(set) var bytes: [UInt8] = []

    /// The type flags the tests use (POSIX ustar header, typeflag field).
    enum Kind: UInt8 {
        case file = 0x30
        case hardLink = 0x31
        case symbolicLink = 0x32
        case folder = 0x35
    }

    /// Appends an entry; `declaredSize` lets the header lie about the data.
    mutating func add(
        _ name: String, _ data: [UInt8] = [], kind: Kind = .file, linkTarget: String = "",
        declaredSize: Int? = nil
    ) {
        var header = [UInt8](repeating: 0, count: 512)
        put(name, at: 0, in: &header)
        put("0000600", at: 100, in: &header)
        put("0000000", at: 108, in: &header)
        put("0000000", at: 116, in: &header)
        put(octal(declaredSize ?? data.count, digits: 11), at: 124, in: &header)
        put(octal(1_700_000_000, digits: 11), at: 136, in: &header)
        header[156] = kind.rawValue
        put(linkTarget, at: 157, in: &header)
        put("ustar", at: 257, in: &header)
        put("00", at: 263, in: &header)
        seal(&header)
        bytes += header + data
        bytes += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    /// Appends a header whose size field uses GNU's base-256 form, which can
    /// state sizes beyond what eleven octal digits hold.
    mutating func addHuge(_ name: String, declaredSize: UInt64) {
        add(name, [], declaredSize: 0)
        var header = Array(bytes[(bytes.count - 512)...])
        for index in 0..<12 {
            header[135 - index] = UInt8(truncatingIfNeeded: declaredSize >> (8 * index))
        }
        header[124] = 0x80
        seal(&header)
        bytes.replaceSubrange((bytes.count - 512)..., with: header)
    }

    /// Appends the end-of-archive marker and `padding` more zero bytes.
    mutating func finish(padding: Int = 0) {
        bytes += [UInt8](repeating: 0, count: 1024 + padding)
    }

    /// Writes the tar data gzip-compressed to `path`.
    func writeGzipped(to path: String) throws {
        let gzip = try GzipStream(compressingTo: path)
        try bytes.withUnsafeBytes { try gzip.write($0) }
        try gzip.finish()
    }

    /// Writes the header checksum, summed with its own field read as spaces.
    private func seal(_ header: inout [UInt8]) {
        put("        ", at: 148, in: &header)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(octal(sum, digits: 6) + "\0 ", at: 148, in: &header)
    }

    private func put(_ text: String, at offset: Int, in header: inout [UInt8]) {
        for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
    }

    private func octal(_ value: Int, digits: Int) -> String {
        let text = String(value, radix: 8)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
