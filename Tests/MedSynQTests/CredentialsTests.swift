@testable import MedSynQ
import Testing

@Suite struct CredentialsTests {
    @Test func aPasswordVerifiesOnlyAgainstItsOwnHash() throws {
        let hash = try Credentials.hashPassword("made-up password")
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(!hash.contains("made-up password"))
        #expect(try Credentials.verifyPassword("made-up password", against: hash))
        #expect(try !Credentials.verifyPassword("made-up passworD", against: hash))
        #expect(try !Credentials.verifyPassword("made-up password", against: "garbage"))
    }

    @Test func tokensAreFreshHexadecimalText() {
        let token = Credentials.randomHex(bytes: 32)
        #expect(token.count == 64)
        #expect(token.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(token != Credentials.randomHex(bytes: 32))
    }

    @Test func digestsAreStableAndSecretsCompareExactly() {
        #expect(Credentials.digest("abc") == Credentials.digest("abc"))
        #expect(Credentials.digest("abc") != Credentials.digest("abd"))
        #expect(Credentials.isEqual("same", "same"))
        #expect(!Credentials.isEqual("same", "sama"))
        #expect(!Credentials.isEqual("", ""))
    }
}
