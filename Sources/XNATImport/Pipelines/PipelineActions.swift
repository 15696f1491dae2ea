import Foundation
import Synchronization

/// How one action ended: whether it succeeded, and the text recorded as the run's detail.
struct PipelineOutcome: Sendable, Equatable {
    var succeeded: Bool
    var detail: String
}

/// Runs the two kinds of action. Neither throws: whatever goes wrong becomes a failed outcome.
enum PipelineActions {
    /// How much output (or response body) a run keeps: the last 4 KiB.
    static let outputLimit = 4096
    /// The parent's variables a command inherits; the rest (passwords among them) are not passed on.
    static let inheritedVariables = ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ", "USER"]

    // MARK: - Commands

    /// Runs `executable` with no arguments, `environment` added to a few inherited variables, standard input
    /// from /dev/null and standard output and error captured together. Exit status 0 succeeds; after `timeout` the
    /// process gets SIGTERM, then SIGKILL 5 seconds later, and the run fails.
    static func runCommand(
        _ executable: URL,
        environment: [String: String],
        timeout: Duration
    ) async
        -> PipelineOutcome
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = []
        let inherited = ProcessInfo.processInfo.environment.filter { inheritedVariables.contains($0.key) }
        process.environment = inherited.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: environment["SLUICE_SESSION_PATH"] ?? "/")
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        do {
            try process.run()
        } catch {
            return PipelineOutcome(succeeded: false, detail: "Could not start \(executable.path): \(error)")
        }
        let tail = OutputTail(limit: outputLimit)
        let reader = pipe.fileHandleForReading
        DispatchQueue.global(qos: .utility).async {
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                tail.append(data)
            }
            tail.finish()
        }
        let start = ContinuousClock.now
        var timedOut = false
        while process.isRunning {
            if ContinuousClock.now - start > timeout {
                timedOut = true
                process.terminate()
                if await !waitUntil(within: .seconds(5), { !process.isRunning }) {
                    kill(process.processIdentifier, SIGKILL)
                }
                _ = await waitUntil(within: .seconds(5)) { !process.isRunning }
                break
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        // Children left holding the pipe keep it open; their output after this is not kept.
        _ = await waitUntil(within: .seconds(2)) { tail.isFinished }
        let output = tail.text
        let summary: String
        let succeeded: Bool
        if timedOut {
            summary = "Timed out after \(describe(timeout)); terminated."
            succeeded = false
        } else if process.terminationReason == .uncaughtSignal {
            summary = "Killed by signal \(process.terminationStatus)."
            succeeded = false
        } else {
            summary = "Exit status \(process.terminationStatus)."
            succeeded = process.terminationStatus == 0
        }
        return PipelineOutcome(succeeded: succeeded, detail: output.isEmpty ? summary : summary + "\n" + output)
    }

    /// `600 s`, or `500 ms` below a second.
    static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return seconds >= 1 ? "\(seconds) s" : "\(attoseconds / 1_000_000_000_000_000) ms"
    }

    /// Polls `condition` every 20 ms until it holds (`true`) or `limit` passes (`false`).
    private static func waitUntil(within limit: Duration, _ condition: () -> Bool) async -> Bool {
        let start = ContinuousClock.now
        while !condition() {
            if ContinuousClock.now - start > limit { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    // MARK: - Webhooks

    /// Posts `body` as `application/json` to `url` with `post`. A 2xx answer succeeds; the detail is the HTTP status
    /// and the first 4 KiB of the response body, or why the request failed.
    static func postWebhook(
        _ url: URL,
        body: Data,
        timeout: Duration,
        with post: PipelineWebhookPost?
    ) async -> PipelineOutcome {
        guard let post else {
            return PipelineOutcome(succeeded: false, detail: "No HTTP client is configured for webhooks.")
        }
        do {
            let (status, data) = try await post(url, body, timeout)
            let text = String(decoding: data.prefix(outputLimit), as: UTF8.self)
            let summary = "HTTP \(status)."
            return PipelineOutcome(
                succeeded: (200..<300).contains(status),
                detail: text.isEmpty ? summary : summary + "\n" + text
            )
        } catch {
            return PipelineOutcome(succeeded: false, detail: "Request failed: \(error)")
        }
    }
}

/// The last `limit` bytes written to a command's output, filled by the reading thread.
private final class OutputTail: Sendable {
    private struct State {
        var bytes = Data()
        var finished = false
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    func append(_ data: Data) {
        state.withLock { state in
            state.bytes.append(data)
            if state.bytes.count > limit { state.bytes = Data(state.bytes.suffix(limit)) }
        }
    }

    func finish() {
        state.withLock { $0.finished = true }
    }

    var isFinished: Bool { state.withLock { $0.finished } }

    /// The bytes as UTF-8 (a character cut at the start becomes U+FFFD), without trailing newlines.
    var text: String {
        let bytes = state.withLock { $0.bytes }
        var text = String(decoding: bytes, as: UTF8.self)
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
