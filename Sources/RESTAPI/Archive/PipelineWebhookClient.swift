import Foundation
import XNATImport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The HTTP client the AutoRun webhook is posted with: Foundation's `URLSession`. It lives here rather than in
/// XNATImport because importing FoundationNetworking there loads CoreFoundation, which breaks that target's
/// `stat` calls under MemberImportVisibility.
enum PipelineWebhookClient {
    /// Posts `body` as `application/json` to `url`, giving up after `timeout`.
    static let post: PipelineWebhookPost = { url, body, timeout in
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: seconds)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Sluice/\(SluiceVersion.current)", forHTTPHeaderField: "User-Agent")
        request.httpBody = body
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw URLError(.badServerResponse)
        }
        return (http.statusCode, data)
    }
}
