import Foundation
import Server
import TestSupport
import Testing
import XNATImport

/// `SLUICE_AUTORUN_COMMAND` and `SLUICE_AUTORUN_WEBHOOK`: the AutoRun actions run after archiving.
@Suite struct ServerConfigurationPipelineTests {
    private static func load(_ environment: [String: String]) throws(ConfigurationError) -> PipelineConfiguration {
        try ServerConfiguration.load(options: ServeOptions(), environment: environment).pipelines
    }

    private static func file(in folder: URL, permissions: Int) throws -> URL {
        let url = folder.appendingPathComponent("autorun.sh")
        try Data("#!/bin/sh\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: url.path)
        return url
    }

    @Test func noActionsByDefault() throws {
        let pipelines = try Self.load([:])
        #expect(pipelines == PipelineConfiguration())
        #expect(pipelines.isEmpty)
        #expect(pipelines.actions.isEmpty)
        #expect(pipelines.commandTimeout == .seconds(600))
        #expect(pipelines.webhookTimeout == .seconds(30))
        #expect(try Self.load(["SLUICE_AUTORUN_COMMAND": "", "SLUICE_AUTORUN_WEBHOOK": ""]).isEmpty)
    }

    @Test func anExecutableCommandAndAWebhookAreBothTaken() async throws {
        try await withTemporaryDirectory { folder in
            let command = try Self.file(in: folder, permissions: 0o755)
            let pipelines = try Self.load([
                "SLUICE_AUTORUN_COMMAND": command.path,
                "SLUICE_AUTORUN_WEBHOOK": "https://hooks.example.org/sluice?token=1",
            ])
            #expect(pipelines.command?.path == command.standardizedFileURL.path)
            #expect(pipelines.webhook?.absoluteString == "https://hooks.example.org/sluice?token=1")
            #expect(pipelines.actions.map(\.kind) == [.command, .webhook])
        }
    }

    @Test func aCommandThatIsNotAnExecutableFileStopsTheServer() async throws {
        try await withTemporaryDirectory { folder in
            let plain = try Self.file(in: folder, permissions: 0o644).path
            let missing = folder.appendingPathComponent("missing").path
            for path in [plain, missing, folder.path] {
                let error = #expect(throws: ConfigurationError.self) {
                    try Self.load(["SLUICE_AUTORUN_COMMAND": path])
                }
                #expect(error?.source == "SLUICE_AUTORUN_COMMAND")
                #expect(
                    error?.description
                        == "invalid AutoRun command \"\(path)\" (from SLUICE_AUTORUN_COMMAND): "
                        + "must be the path of an executable file"
                )
            }
        }
    }

    @Test(arguments: ["ftp://example.org/hook", "example.org/hook", "http://", "not a url", "file:///tmp/x"])
    func aWebhookThatIsNotAnHTTPURLStopsTheServer(url: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try Self.load(["SLUICE_AUTORUN_WEBHOOK": url])
        }
        #expect(error?.source == "SLUICE_AUTORUN_WEBHOOK")
        #expect(
            error?.description
                == "invalid AutoRun webhook \"\(url)\" (from SLUICE_AUTORUN_WEBHOOK): must be an http or https URL"
        )
    }

    @Test func httpWebhooksAreAccepted() throws {
        let pipelines = try Self.load(["SLUICE_AUTORUN_WEBHOOK": "http://127.0.0.1:9000/hook"])
        #expect(pipelines.webhook == URL(string: "http://127.0.0.1:9000/hook"))
        #expect(pipelines.command == nil)
    }
}
