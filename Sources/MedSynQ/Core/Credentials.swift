import CSodium
import Foundation

/// Password hashes, random tokens and secret comparison, all through libsodium.
///
/// This is the only file that calls `sodium_*` and `crypto_*` functions.
enum Credentials {
    /// Argon2id at libsodium's interactive limits costs about 64 MiB and 100 ms a
    /// hash, so only a few run at once and only a few more may queue: the server's
    /// threads must stay free for everyone else's pages.
    private static let hashing = HashingSlots(running: 2, waiting: 2)

    /// sodium_init must run once before any other call; it is safe to call again
    /// (https://doc.libsodium.org/usage).
    static let isReady: Bool = sodium_init() >= 0

    /// An Argon2id hash of `password` in libsodium's self-describing string format.
    static func hashPassword(_ password: String) throws -> String {
        try requireReady()
        try hashing.acquire()
        defer { hashing.release() }
        var output = [CChar](repeating: 0, count: crypto_pwhash_strbytes())
        let code = crypto_pwhash_str_alg(
            &output, password, UInt64(password.utf8.count),
            UInt64(crypto_pwhash_opslimit_interactive()), crypto_pwhash_memlimit_interactive(),
            crypto_pwhash_alg_argon2id13())
        guard code == 0 else { throw CredentialsError.outOfMemory }
        let text = output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: text, as: UTF8.self)
    }

    /// True when `password` matches `hash`, a string from `hashPassword`.
    ///
    /// Throws `CredentialsError.busy` when too many checks are running or queued.
    static func verifyPassword(_ password: String, against hash: String) throws -> Bool {
        try requireReady()
        try hashing.acquire()
        defer { hashing.release() }
        return crypto_pwhash_str_verify(hash, password, UInt64(password.utf8.count)) == 0
    }

    /// `count` random bytes as lower-case hexadecimal text.
    static func randomHex(bytes count: Int = 16) -> String {
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return hex(bytes)
    }

    /// A BLAKE2b digest of `secret` as hexadecimal: what is stored instead of the secret.
    static func digest(_ secret: String) -> String {
        var output = [UInt8](repeating: 0, count: 32)
        let input = Array(secret.utf8)
        crypto_generichash(&output, output.count, input, UInt64(input.count), nil, 0)
        return hex(output)
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func isEqual(_ left: String, _ right: String) -> Bool {
        let left = Array(left.utf8)
        let right = Array(right.utf8)
        guard left.count == right.count, !left.isEmpty else { return false }
        return sodium_memcmp(left, right, left.count) == 0
    }

    private static func requireReady() throws {
        guard isReady else { throw CredentialsError.libraryUnavailable }
    }

    /// `bytes` as lower-case hexadecimal text.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Why a password could not be hashed or checked.
enum CredentialsError: Error {
    /// sodium_init failed.
    case libraryUnavailable
    /// Argon2id could not get its memory.
    case outOfMemory
    /// Too many passwords are being hashed already; try again shortly.
    case busy
}

extension CredentialsError: CustomStringConvertible {
    var description: String {
        switch self {
        case .libraryUnavailable: "libsodium could not be initialised"
        case .outOfMemory: "there was not enough memory to hash a password"
        case .busy: "too many passwords are being checked at once"
        }
    }
}
