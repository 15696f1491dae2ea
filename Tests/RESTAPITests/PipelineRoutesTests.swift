import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RESTAPI
import Synchronization
import TestSupport
import Testing
import XNATImport

/// AutoRun actions after archiving (`xnat-import-spec.md` §6.6): a command and a webhook run in the background
/// after `POST /data/services/archive` unless `triggerPipelines=false`, and their runs are listed by
/// `GET /data/experiments/{ID}/pipelines`.
@Suite struct PipelineRoutesTests {
    private static let admin = ImportTesting.admin
    static let experimentID = "SLUICE_E00001"

    /// Imports a series into P1 and archives it with `query` added; answers the archive response.
    static func importAndArchive(
        _ client: some TestClientProtocol,
        query: String = ""
    ) async throws
        -> TestResponse
    {
        let body = try ImportTesting.zip((1...2).map { ("i\($0).dcm", ImportTesting.instance(series: 4, number: $0)) })
        let imported = try await ImportTesting.post(client, "?PROJECT_ID=P1", body: body)
        #expect(imported.status == .ok)
        return try await client.execute(
            uri: "/data/services/archive?src=" + ImportTesting.uri(imported) + query,
            method: .post,
            headers: admin
        )
    }

    /// An executable `/bin/sh` script in `folder`.
    private static func script(_ name: String, in folder: URL, _ body: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }

    /// The runs of the experiment once none is RUNNING any more (polls for up to 10 seconds).
    static func finishedRuns(_ services: AppServices, count: Int = 1) async throws -> [PipelineRun] {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let runs = try await services.store.pipelineRuns(experimentID: experimentID)
            if runs.count >= count, runs.allSatisfy({ $0.status != .running }) { return runs }
            guard ContinuousClock.now < deadline else {
                Issue.record("Pipeline runs did not finish: \(runs)")
                return runs
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Runs `test` with project P1 on services whose pipelines `configure` builds from a temporary folder.
    static func withPipelineRouter(
        _ configure: (URL) throws -> PipelineConfiguration,
        test: @escaping @Sendable (any TestClientProtocol, AppServices, URL) async throws -> Void
    ) async throws {
        try await withTestStore { store, directory in
            let accounts = AccountService(
                store: store,
                configuration: AccountsConfiguration(
                    initialAdministratorPassword: TestAccounts.administrator.password,
                    passwordHashCost: 4
                )
            )
            _ = try await accounts.ensureAdministrator()
            let dataFolders = DataFolderLayout(root: directory.appendingPathComponent("data", isDirectory: true))
            try dataFolders.create()
            let services = AppServices(
                store: store,
                accounts: accounts,
                dataFolders: dataFolders,
                pipelines: try configure(directory),
                logger: Logger(label: "test")
            )
            let app = buildApplication(
                configuration: HTTPConfiguration(host: "127.0.0.1", port: 0),
                services: services,
                logger: Logger(label: "test")
            )
            try await app.test(.router) { client in
                let created = try await client.execute(uri: "/data/projects/P1", method: .put, headers: admin)
                #expect(created.status == .ok)
                try await test(client, services, directory)
            }
            await services.archive.pipelines?.waitUntilIdle()
        }
    }

    @Test func theCommandRunsAfterArchivingWithTheSessionInItsEnvironment() async throws {
        try await Self.withPipelineRouter { folder in
            let output = folder.appendingPathComponent("env.txt").path
            let command = try Self.script("autorun.sh", in: folder, "env > '\(output)'\necho hello from autorun")
            return PipelineConfiguration(command: command)
        } test: { client, services, folder in
            let response = try await Self.importAndArchive(client)
            #expect(response.status == .ok)
            let runs = try await Self.finishedRuns(services)
            let run = try #require(runs.first)
            #expect(runs.count == 1)
            #expect(run.status == .complete)
            #expect(run.action == .command)
            #expect(run.target == folder.appendingPathComponent("autorun.sh").path)
            #expect(run.detail == "Exit status 0.\nhello from autorun")
            #expect(run.finishedAt != nil)

            let environment = try String(contentsOf: folder.appendingPathComponent("env.txt"), encoding: .utf8)
            let lines = Set(environment.split(separator: "\n").map(String.init))
            let sessionFolder = try services.archive.layout.sessionFolder(project: "P1", label: "Sample_ID")
            let expected = [
                "SLUICE_SESSION_URI=/data/archive/projects/P1/subjects/Sample_Patient/experiments/Sample_ID",
                "SLUICE_PROJECT=P1", "SLUICE_SUBJECT=Sample_Patient", "SLUICE_SESSION_LABEL=Sample_ID",
                "SLUICE_EXPERIMENT_ID=SLUICE_E00001", "SLUICE_SESSION_PATH=\(sessionFolder.path)",
            ]
            for line in expected { #expect(lines.contains(line), "\(line)") }
            #expect(!environment.contains("SLUICE_ADMIN_PASSWORD"))

            let listing = try await client.execute(
                uri: "/data/experiments/\(Self.experimentID)/pipelines",
                method: .get,
                headers: Self.admin
            )
            #expect(listing.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(listing.text.utf8)) as? [String: Any])
            let resultSet = try #require(json["ResultSet"] as? [String: Any])
            let rows = try #require(resultSet["Result"] as? [[String: String]])
            #expect(rows.count == 1)
            #expect(rows.first?["id"] == run.id)
            #expect(rows.first?["experiment_ID"] == Self.experimentID)
            #expect(rows.first?["action"] == "command")
            #expect(rows.first?["status"] == "COMPLETE")
            #expect(rows.first?["detail"] == "Exit status 0.\nhello from autorun")
            #expect(rows.first?["started"]?.hasSuffix("Z") == true)
            #expect(rows.first?["finished"]?.isEmpty == false)

            let csv = try await client.execute(
                uri: "/REST/experiments/\(Self.experimentID)/pipelines?format=csv",
                method: .get,
                headers: Self.admin
            )
            #expect(csv.text.hasPrefix("id,experiment_ID,action,target,status,started,finished,detail"))
        }
    }

    @Test(arguments: ["&triggerPipelines=false", "&tiggerPipelines=false", "&triggerPipelines=FALSE"])
    func triggerPipelinesFalseRunsNothing(query: String) async throws {
        try await Self.withPipelineRouter { folder in
            let marker = folder.appendingPathComponent("ran").path
            return PipelineConfiguration(command: try Self.script("autorun.sh", in: folder, "touch '\(marker)'"))
        } test: { client, services, folder in
            let response = try await Self.importAndArchive(client, query: query)
            #expect(response.status == .ok)
            // Runs are recorded before the archive answers, so none now means none at all.
            #expect(try await services.store.pipelineRuns(experimentID: Self.experimentID).isEmpty)
            await services.archive.pipelines?.waitUntilIdle()
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ran").path))
            let listing = try await client.execute(
                uri: "/data/experiments/\(Self.experimentID)/pipelines",
                method: .get,
                headers: Self.admin
            )
            #expect(listing.status == .ok)
            #expect(listing.text.contains("\"totalRecords\":\"0\"") || listing.text.contains("\"Result\":[]"))
        }
    }

    @Test func aFailingCommandIsRecordedAsFailedWithItsOutputAndTheArchiveStillSucceeds() async throws {
        try await Self.withPipelineRouter { folder in
            PipelineConfiguration(
                command: try Self.script("fail.sh", in: folder, "echo starting\necho something broke >&2\nexit 3")
            )
        } test: { client, services, _ in
            let response = try await Self.importAndArchive(client)
            #expect(response.status == .ok)
            #expect(try await services.store.experiment(id: Self.experimentID) != nil)
            let run = try #require(try await Self.finishedRuns(services).first)
            #expect(run.status == .failed)
            #expect(run.detail == "Exit status 3.\nstarting\nsomething broke")
        }
    }

    @Test func aCommandThatRunsTooLongIsTerminatedAndFails() async throws {
        try await Self.withPipelineRouter { folder in
            PipelineConfiguration(
                command: try Self.script("slow.sh", in: folder, "echo waiting\nexec sleep 30"),
                commandTimeout: .milliseconds(500)
            )
        } test: { client, services, _ in
            _ = try await Self.importAndArchive(client)
            let run = try #require(try await Self.finishedRuns(services).first)
            #expect(run.status == .failed)
            #expect(run.detail.hasPrefix("Timed out after 500 ms; terminated.\n"))
            #expect(run.detail.hasSuffix("\nwaiting"))
        }
    }

    @Test func unknownExperimentsAre404() async throws {
        try await Self.withPipelineRouter { _ in
            PipelineConfiguration()
        } test: { client, services, _ in
            #expect(services.archive.pipelines?.configuration.isEmpty == true)
            let response = try await client.execute(
                uri: "/data/experiments/SLUICE_E99999/pipelines",
                method: .get,
                headers: Self.admin
            )
            #expect(response.status == .notFound)
        }
    }
}
