import Foundation
import Testing
import XNATImport

@Suite struct AliasTokenTests {
    private let user = User(login: "user", isAdministrator: false)
    private let start = Date(millisecondsSince1970: 1_700_000_000_000)

    @Test(arguments: [
        "4a0177cf-e7e4-44da-8140-6b270ec5000f", "4A0177CF-E7E4-44DA-8140-6B270EC5000F",
        "00000000-0000-0000-0000-000000000000",
    ])
    func uuidsHaveTheFormOfAnAlias(text: String) {
        #expect(AliasToken.isAliasFormat(text))
    }

    @Test(arguments: [
        "", "admin", "4a0177cf-e7e4-44da-8140-6b270ec5000", "4a0177cf-e7e4-44da-8140-6b270ec5000f0",
        "4a0177cfe-7e4-44da-8140-6b270ec5000f", "4a0177cf-e7e4-44da-8140-6b270ec5000g",
        "4a0177cf_e7e4_44da_8140_6b270ec5000f",
    ])
    func otherTextDoesNot(text: String) {
        #expect(!AliasToken.isAliasFormat(text))
    }

    @Test func secretsAreHashedWithSHA256() {
        // FIPS 180-2, appendix B.1.
        #expect(AliasToken.hash(secret: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func aTokenMatchesOnlyItsSecretUntilItExpires() {
        let token = AliasToken(
            alias: "4a0177cf-e7e4-44da-8140-6b270ec5000f",
            user: user,
            secretHash: AliasToken.hash(secret: "right"),
            createdAt: start,
            expiresAt: start.adding(.seconds(60))
        )
        #expect(token.matches(secret: "right"))
        #expect(!token.matches(secret: "wrong"))
        #expect(!token.matches(secret: ""))
        #expect(!token.hasExpired(at: start.adding(.seconds(59))))
        #expect(token.hasExpired(at: start.adding(.seconds(60))))
    }
}
