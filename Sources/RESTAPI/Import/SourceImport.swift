import Foundation
import Hummingbird
import Logging
import XNATImport

/// An import of files from the user cache (`src`, `xnat-import-spec.md` §10): each file in order, as if it had
/// been uploaded, with the request's parameters. One that fails does not stop the others; the answer lists every
/// URI imported and names the `src` that failed.
struct SourceImport: Sendable {
    let imports: ImportService
    let parameters: [String: String]
    let user: User
    let reporter: StatusReporter

    /// What importing the sources gave.
    struct Outcome {
        var uris: [String] = []
        var failures: [(src: String, error: any Error)] = []

        /// 200 `text/uri-list` when every source was imported; otherwise the first failure's status, with one line
        /// per imported URI and one `src <src> failed: <reason>` line per failure.
        func response() throws -> Response {
            guard let first = failures.first else { return URIListResponse.response(uris) }
            let lines = uris + failures.map { "src \($0.src) failed: \($0.error)" }
            var response = ErrorResponse(for: first.error).response
            response.body = ResponseBody(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n"))
            return response
        }
    }

    /// Imports each `(src, cached file)` in order. The cached file is linked (or copied) into staging, so the cache
    /// keeps it.
    func run(sources: [(String, URL)], logger: Logger) async throws -> Outcome {
        var outcome = Outcome()
        await reporter.progress("Determining destination")
        for (src, file) in sources {
            await reporter.progress("Importing file (\(file.lastPathComponent))")
            let staged = imports.stagingFolder.appendingPathComponent(".upload-\(UUID().uuidString)", isDirectory: false)
            defer { try? FileManager.default.removeItem(at: staged) }
            do {
                try AtomicFile.stage(file, at: staged)
                let upload = ImportUpload(file: staged, clientFileName: file.lastPathComponent, contentType: nil)
                outcome.uris += try await imports.importUpload(upload, parameters: parameters, user: user)
            } catch {
                outcome.failures.append((src, error))
                await reporter.report(.warning, "src \(src) failed: \(error)")
                logger.notice("Import of a cached file failed", metadata: ["src": "\(src)", "error": "\(error)"])
            }
        }
        if let failure = outcome.failures.first {
            await reporter.report(.failed, "src \(failure.src) failed: \(failure.error)", terminal: true)
        } else {
            await Self.reportCompletion(outcome.uris, to: reporter)
        }
        logger.info(
            "Imported cached files",
            metadata: [
                LogMetadataKey.login: "\(user.login)", "sources": "\(sources.count)",
                "failures": "\(outcome.failures.count)", LogMetadataKey.prearchiveSession: "\(outcome.uris.joined(separator: " "))",
            ]
        )
        return outcome
    }

    /// The terminal message: `Archive:<uri>;…` when everything went to the archive, else `Prearchive:<uri>;…`, with
    /// the URIs without `/data` as XNAT writes them.
    static func reportCompletion(_ uris: [String], to reporter: StatusReporter) async {
        let bare = uris.map { $0.hasPrefix("/data/") ? String($0.dropFirst(5)) : $0 }
        let archived = !bare.isEmpty && bare.allSatisfy { $0.hasPrefix("/archive/") }
        if !archived, !bare.isEmpty {
            await reporter.progress("Successfully uploaded \(bare.count) sessions to the prearchive.")
        }
        await reporter.report(
            .completed,
            (archived ? "Archive:" : "Prearchive:") + bare.joined(separator: ";"),
            terminal: true
        )
    }
}
