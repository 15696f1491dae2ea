import ArgumentParser

/// The `sluice-bench` command: in-process measurements that `Scripts/bench/*.py` run and compare with other
/// tools. Each subcommand prints one JSON object on standard output.
@main
struct SluiceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice-bench",
        abstract: "Sluice benchmarks (run them through `make bench`, which compares them with other tools).",
        // One subcommand per benchmark, each on its own line.
        subcommands: [
            HeadersCommand.self
        ]
    )
}
