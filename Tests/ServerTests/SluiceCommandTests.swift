import ArgumentParser
import Testing

@testable import Server

@Suite struct SluiceCommandTests {
    @Test func serveIsASubcommandAndKeepsFlagsAsTyped() throws {
        let command = try Sluice.parseAsRoot(["serve", "--host", "0.0.0.0", "--port", "70000", "--data-dir", "d"])
        let serve = try #require(command as? ServeCommand)
        #expect(serve.host == "0.0.0.0")
        // Range checks happen in ServerConfiguration.load, so flag and variable get the same message.
        #expect(serve.port == "70000")
        #expect(serve.dataDir == "d")
        #expect(serve.logLevel == nil)
    }

    @Test func rootCommandIsNamedSluice() {
        #expect(Sluice.configuration.commandName == "sluice")
        #expect(Sluice.configuration.subcommands.contains { $0 == ServeCommand.self })
    }
}
