import Hummingbird
import XNATImport

/// The one place that decides which HTTP status and plain-text message an error becomes.
///
/// Bodies are always plain text, never HTML or JSON: XNAT clients show or log error bodies as they are.
/// Add a `case` here for each domain error type (`ImportError`, …) as it appears.
struct ErrorResponse: Equatable {
    var status: HTTPResponse.Status
    var headers: HTTPFields = [:]
    var message: String

    init(for error: any Error) {
        switch error {
        case let error as HTTPError:
            status = error.status
            headers = error.headers
            message = error.body ?? error.status.reasonPhrase
        case is MetadataStoreError:
            status = .internalServerError
            message = "Internal Server Error: the metadata database failed"
        case let error as any HTTPResponseError:
            status = error.status
            message = error.status.reasonPhrase
        default:
            status = .internalServerError
            message = "Internal Server Error"
        }
    }

    /// The response to send.
    var response: Response {
        Response.plainText(message, status: status, headers: headers)
    }
}
