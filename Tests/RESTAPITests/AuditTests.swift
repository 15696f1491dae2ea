import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing

/// The audit log (issue 8): imports, archives, deletions and downloads are recorded with who did them, and only
/// administrators read the log.
@Suite struct AuditTests {
    @Test func importsArchivesDownloadsAndDeletionsAreRecorded() async throws {
        try await ImportTesting.withImportRouter { client, _ in
            let body = try ImportTesting.zip([("1.dcm", ImportTesting.instance(series: 4, number: 1))])
            let uploaded = try await ImportTesting.post(client, "?PROJECT_ID=P1", body: body)
            _ = try await client.execute(
                uri: "/data/services/archive?src=" + ImportTesting.uri(uploaded), method: .post, headers: ImportTesting.admin
            )
            _ = try await client.execute(uri: "/data/experiments/SLUICE_E00001?format=zip", method: .get, headers: ImportTesting.admin)
            _ = try await client.execute(uri: "/data/experiments/SLUICE_E00001?removeFiles=true", method: .delete, headers: ImportTesting.admin)
            let denied = try await client.execute(uri: "/data/projects/P1", method: .delete, headers: TestAccounts.userHeaders)
            #expect(denied.status != .ok)

            var actions: [String] = []
            for _ in 0..<100 {
                let log = try await client.execute(uri: "/xapi/audit?format=csv", method: .get, headers: ImportTesting.admin)
                #expect(log.status == .ok)
                actions = log.text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[2]) }
                if actions.count >= 6 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            // Creating P1, then the import, the archive, the download, the deletion and the refused deletion.
            #expect(Array(actions.reversed()) == ["change", "import", "archive", "download", "delete", "delete"])
            let last = try await client.execute(uri: "/xapi/audit?limit=1", method: .get, headers: ImportTesting.admin)
            #expect(last.text.contains("\"login\":\"user\""))
            #expect(last.text.contains("\"status\":\"404\""))
            let byUser = try await client.execute(uri: "/xapi/audit", method: .get, headers: TestAccounts.userHeaders)
            #expect(byUser.status == .forbidden)
        }
    }
}
