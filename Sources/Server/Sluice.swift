import ArgumentParser
import XNATImport

/// The root `sluice` command; each subcommand is one tool (`sluice serve` runs the server).
@main
struct Sluice: AsyncParsableCommand {
    // Subcommands are listed one per line, each with a trailing comma, so adding one is a one-line change.
    // swift-format-ignore
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "An XNAT-compatible imaging import server.",
        version: SluiceVersion.current,
        subcommands: [
            ServeCommand.self,
            DumpCommand.self,
            UserCommand.self,
            VerifyCommand.self,
        ]
    )
}
