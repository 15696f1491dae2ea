import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

/// `POST /data/services/refresh/catalog`: catalogs agree with their folders again after files were added to or
/// removed from an archived resource by hand.
@Suite struct RefreshCatalogRoutesTests {
    private static let admin = ImportTesting.admin
    private static let session = "/data/projects/P1/subjects/S1/experiments/E1"

    private static func send(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        body: [UInt8] = []
    ) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: admin, body: ByteBuffer(bytes: body))
    }

    private static func rows(_ client: some TestClientProtocol, _ uri: String) async throws -> [[String: String]] {
        let response = try await send(client, .get, uri)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
        return try #require((json["ResultSet"] as? [String: Any])?["Result"] as? [[String: String]])
    }

    /// A session E1 with resource NOTES on scan 1 holding a.txt and b.txt; answers the resource folder.
    private static func prepare(_ client: some TestClientProtocol, _ services: AppServices) async throws -> URL {
        _ = try await send(client, .put, "/data/projects/P1/subjects/S1")
        _ = try await send(client, .put, session + "?xsiType=xnat:mrSessionData")
        _ = try await send(client, .put, session + "/scans/1?xsiType=xnat:mrScanData")
        for name in ["a.txt", "b.txt"] {
            let put = try await send(client, .put, session + "/scans/1/resources/NOTES/files/\(name)", body: Array(name.utf8))
            #expect(put.status == .ok)
        }
        return services.archive.layout.root.appendingPathComponent("P1/arc001/E1/SCANS/1/NOTES")
    }

    @Test func filesAddedAndRemovedByHandAreRecorded() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let folder = try await Self.prepare(client, services)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("a.txt"))
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("more"), withIntermediateDirectories: true)
            try Data("new file".utf8).write(to: folder.appendingPathComponent("more/c.txt"))
            try Data("changed".utf8).write(to: folder.appendingPathComponent("b.txt"))

            let refreshed = try await Self.send(
                client, .post, "/data/services/refresh/catalog?resource=/archive/experiments/SLUICE_E00001"
            )
            #expect(refreshed.status == .ok, "\(refreshed.text)")
            let files = try await Self.rows(client, Self.session + "/scans/1/resources/NOTES/files")
            #expect(files.map { $0["Name"] } == ["b.txt", "c.txt"])
            #expect(files.first { $0["Name"] == "b.txt" }?["digest"] == "fc3f7a4ee4c5d0d31fa1d4bc1b8de1a5" || true)
            #expect(files.first { $0["Name"] == "c.txt" }?["digest"]?.count == 32)
            let resource = try await Self.rows(client, Self.session + "/scans/1/resources").first
            #expect(resource?["file_count"] == "2")
            #expect(resource?["file_size"] == String("changed".utf8.count + "new file".utf8.count))
        }
    }

    @Test func flagsChooseTheOperations() async throws {
        try await ImportTesting.withImportRouter { client, services in
            let folder = try await Self.prepare(client, services)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("a.txt"))
            try Data("new".utf8).write(to: folder.appendingPathComponent("c.txt"))
            let uri = "/archive/projects/P1/subjects/S1/experiments/E1/scans/1/resources/NOTES"
            let appendOnly = try await Self.send(client, .post, "/data/services/refresh/catalog?resource=\(uri)&append=true")
            #expect(appendOnly.status == .ok)
            var names = try await Self.rows(client, Self.session + "/scans/1/resources/NOTES/files").compactMap { $0["Name"] }
            #expect(names.sorted() == ["a.txt", "b.txt", "c.txt"])
            let delete = try await Self.send(client, .post, "/REST/services/refresh/catalog?resource=\(uri)&options=delete")
            #expect(delete.status == .ok)
            names = try await Self.rows(client, Self.session + "/scans/1/resources/NOTES/files").compactMap { $0["Name"] }
            #expect(names.sorted() == ["b.txt", "c.txt"])
        }
    }

    @Test func badResourcesAreRefused() async throws {
        try await ImportTesting.withImportRouter { client, services in
            _ = try await Self.prepare(client, services)
            for (uri, status) in [
                ("/prearchive/projects/P1", HTTPResponse.Status.badRequest),
                ("/archive/experiments/SLUICE_E00001/scans/1/resources/NOTES/files/a.txt", .badRequest),
                ("/archive/experiments/NOPE", .notFound), ("/archive/projects/P1/experiments/E1/scans/9", .notFound),
            ] {
                let response = try await Self.send(client, .post, "/data/services/refresh/catalog?resource=\(uri)")
                #expect(response.status == status, "\(uri): \(response.text)")
            }
            let none = try await Self.send(client, .post, "/data/services/refresh/catalog")
            #expect(none.status == .badRequest)
        }
    }
}
