import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing

/// The configuration paths the Desktop Client and the upload applet read (`xnat-clients.md` §5 items 2–3, §6).
@Suite struct SiteConfigurationControllerTests {
    private static let admin = TestAccounts.administratorHeaders

    /// Runs `test` with project `P1`.
    private static func withProject(
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    )
        async throws
    {
        try await withTestRouter { client in
            let created = try await client.execute(uri: "/data/projects/P1", method: .put, headers: admin)
            #expect(created.status == .ok)
            try await test(client)
        }
    }

    @Test(arguments: [
        "/data/config/applet/allow-create-subject?contents=true&accept-not-found=true",
        "/data/config/seriesImportFilter?contents=true&accept-not-found=true",
        "/data/config/tracers/tracers?contents=true&accept-not-found=true",
        "/data/config/anon/script?accept-not-found=TRUE",
        "/REST/config?accept-not-found=true",
        "/data/projects/P1/config/applet/require-date?contents=true&accept-not-found=true",
        "/data/archive/projects/P1/config/applet/default-session-labeling-scheme?contents=true&accept-not-found=true",
    ])
    func unsetSettingsThatMayBeMissingAreEmpty(uri: String) async throws {
        try await Self.withProject { client in
            let response = try await client.execute(uri: uri, method: .get, headers: Self.admin)
            #expect(response.status == .ok)
            #expect(response.text.isEmpty)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test(arguments: [
        "/data/config/anon/script?format=json",
        "/data/config/seriesImportFilter/config?format=json",
        "/data/config/edit/projects/P1/image/dicom/status?format=json",
        "/data/config/edit/projects/P1/image/dicom/script",
        "/data/config/applet/allow-create-subject?accept-not-found=false",
        "/data/projects/P1/config/anon/projects/P1?format=json",
        "/data/projects/P1/config/seriesImportFilter/config?format=json",
        "/REST/projects/P1/config",
    ])
    func otherUnsetSettingsAreNotFound(uri: String) async throws {
        try await Self.withProject { client in
            let response = try await client.execute(uri: uri, method: .get, headers: Self.admin)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.text.hasPrefix("Configuration not found"))
        }
    }

    @Test(arguments: [
        "/data/projects/NOPE/config/applet/require-date?contents=true&accept-not-found=true",
        "/data/projects/NOPE/config/anon/projects/NOPE?format=json",
        "/data/projects/NOPE/subjects/S1/visits?open=true",
    ])
    func anUnknownProjectIsNotFoundRegardless(uri: String) async throws {
        try await Self.withProject { client in
            let response = try await client.execute(uri: uri, method: .get, headers: Self.admin)
            #expect(response.status == .notFound)
            #expect(response.text.contains("NOPE"))
        }
    }

    @Test func aSubjectHasNoVisits() async throws {
        try await Self.withProject { client in
            let response = try await client.execute(
                uri: "/data/projects/P1/subjects/S1/visits?open=true",
                method: .get,
                headers: Self.admin
            )
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.text == "[]")
        }
    }

    @Test func configurationNeedsALogin() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: "/data/config/applet/allow-create-subject?accept-not-found=true",
                method: .get
            )
            #expect(response.status == .unauthorized)
        }
    }
}
