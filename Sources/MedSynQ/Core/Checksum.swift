import CSodium
import Foundation

/// SHA-256 digests of files, through libsodium.
///
/// Besides `Credentials`, this is the only file that calls `crypto_*` functions.
enum Checksum {
    /// The SHA-256 digest of the file at `path` as lower-case hexadecimal text.
    ///
    /// The file is read in chunks, so its size does not matter.
    static func sha256(ofFile path: String) throws -> String {
        guard Credentials.isReady else { throw CredentialsError.libraryUnavailable }
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? file.close() }

        // The state holds no pointers into itself, so Swift may keep it anywhere
        // (https://doc.libsodium.org/advanced/sha-2_hash_function).
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { bytes in
                _ = crypto_hash_sha256_update(
                    &state, bytes.bindMemory(to: UInt8.self).baseAddress, UInt64(bytes.count))
            }
        }
        var digest = [UInt8](repeating: 0, count: crypto_hash_sha256_bytes())
        crypto_hash_sha256_final(&state, &digest)
        return Credentials.hex(digest)
    }
}
