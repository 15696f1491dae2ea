import DICOM
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import TestSupport
import Testing
import Unpacking
import XNATImport

/// Helpers for the import, prearchive and archive route tests: DICOM instances of one study, zips made with
/// Sluice's own writer, posting uploads, and a router with project `P1` on real services.
enum ImportTesting {
    static let admin = TestAccounts.administratorHeaders
    static let study = "1.2.826.0.1.3680043.8.498.77"

    /// A Part-10 MR instance of ``study``.
    static func instance(series: Int, number: Int, patientID: String = "Sample ID") -> [UInt8] {
        var builder = DICOMFileBuilder.instance(
            studyUID: study,
            seriesUID: "\(study).\(series)",
            instanceUID: "\(study).\(series).\(number)",
            patientName: "Sample Patient",
            patientID: patientID
        )
        builder.set(.seriesNumber, .IS, String(series))
        builder.set(.instanceNumber, .IS, String(number))
        return builder.file()
    }

    /// A zip of `(name, bytes)` entries, written with Sluice's own zip writer.
    static func zip(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
        var writer = ZipWriter()
        var bytes: [UInt8] = []
        for (name, data) in entries {
            bytes += try writer.beginEntry(path: name, modificationDate: nil)
            writer.entryData(data)
            bytes += data
            bytes += writer.endEntry()
        }
        return bytes + writer.finish()
    }

    static func post(
        _ client: some TestClientProtocol,
        _ query: String,
        body: [UInt8],
        contentType: String = "application/zip"
    ) async throws -> TestResponse {
        var headers = admin
        headers[.contentType] = contentType
        return try await client.execute(
            uri: "/data/services/import" + query,
            method: .post,
            headers: headers,
            body: ByteBuffer(bytes: body)
        )
    }

    /// The one URI of a `text/uri-list` answer (`"\r\n"` is one Character, so trim rather than drop).
    static func uri(_ response: TestResponse) -> String {
        response.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `test` with the router and the services behind it, after creating project `P1`.
    static func withImportRouter(
        _ test: @escaping @Sendable (any TestClientProtocol, AppServices) async throws -> Void
    ) async throws {
        try await withTestServices { services in
            let app = buildApplication(
                configuration: HTTPConfiguration(host: "127.0.0.1", port: 0),
                services: services,
                logger: Logger(label: "test")
            )
            try await app.test(.router) { client in
                let created = try await client.execute(uri: "/data/projects/P1", method: .put, headers: admin)
                #expect(created.status == .ok)
                try await test(client, services)
            }
        }
    }

    static func files(under folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var names: [String] = []
        while let url = walker?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                names.append(String(url.path.dropFirst(folder.path.count + 1)))
            }
        }
        return names.sorted()
    }

}
