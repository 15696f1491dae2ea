import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing

/// `GET|PUT /data/projects/{ID}/prearchive_code` (`xnat-clients.md` §5, §8).
@Suite struct PrearchiveCodeTests {
    private static let admin = TestAccounts.administratorHeaders

    @Test func aNewProjectIsManualAndTheCodeIsABareNumber() async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/data/projects/P1", method: .put, headers: Self.admin)
            let response = try await client.execute(
                uri: "/data/projects/P1/prearchive_code",
                method: .get,
                headers: Self.admin
            )
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.text == "0")
        }
    }

    @Test(arguments: ["4", "5", "0"])
    func anAdministratorSetsTheCode(code: String) async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/data/projects/P1", method: .put, headers: Self.admin)
            let set = try await client.execute(
                uri: "/data/projects/P1/prearchive_code/\(code)",
                method: .put,
                headers: Self.admin
            )
            #expect(set.status == .ok)
            // The upload applet reads it under /data/archive.
            let read = try await client.execute(
                uri: "/data/archive/projects/P1/prearchive_code",
                method: .get,
                headers: Self.admin
            )
            #expect(read.text == code)
        }
    }

    @Test(arguments: ["1", "3", "11", "-4", "04x", "true", "%204"])
    func otherCodesAreAPlainText400(code: String) async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/data/projects/P1", method: .put, headers: Self.admin)
            let response = try await client.execute(
                uri: "/data/projects/P1/prearchive_code/\(code)",
                method: .put,
                headers: Self.admin
            )
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            let read = try await client.execute(
                uri: "/data/projects/P1/prearchive_code",
                method: .get,
                headers: Self.admin
            )
            #expect(read.text == "0")
        }
    }

    @Test func settingTheCodeOfAMissingProjectIsNotFound() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: "/data/projects/NOPE/prearchive_code/4",
                method: .put,
                headers: Self.admin
            )
            #expect(response.status == .notFound)
        }
    }

    @Test func aNonAdministratorCannotSetTheCode() async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/data/projects/P1", method: .put, headers: Self.admin)
            // A public project: every user reads it, only owners and administrators manage it.
            try await client.execute(uri: "/data/projects/P1/accessibility/public", method: .put, headers: Self.admin)
            let response = try await client.execute(
                uri: "/data/projects/P1/prearchive_code/4",
                method: .put,
                headers: TestAccounts.userHeaders
            )
            #expect(response.status == .forbidden)
            let read = try await client.execute(
                uri: "/data/projects/P1/prearchive_code",
                method: .get,
                headers: TestAccounts.userHeaders
            )
            #expect(read.text == "0")
        }
    }
}
