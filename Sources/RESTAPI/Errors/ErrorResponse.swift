import Hummingbird
import NIOHTTP1
import XNATImport

/// The one place that decides which HTTP status and plain-text message an error becomes.
///
/// Bodies are always plain text, never HTML or JSON: XNAT clients show or log error bodies as they are, and pyxnat's
/// error parser crashes on an HTML 401 (`xnat-clients.md` §1.3, §3). Add a `case` here for each domain error type
/// as it appears.
struct ErrorResponse: Equatable {
    /// The realm of the `WWW-Authenticate` challenge on every 401.
    static let authenticationRealm = "XNAT"

    /// 507, which swift-http-types has no name for.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")

    var status: HTTPResponse.Status
    var headers: HTTPFields = [:]
    var message: String

    init(for error: any Error) {
        switch error {
        case let error as HTTPError:
            status = error.status
            headers = error.headers
            message = error.body ?? error.status.reasonPhrase
        case let error as AccountError:
            status = Self.status(for: error.kind)
            message = error.message
        case let error as ProjectError:
            status = Self.status(for: error.kind)
            message = error.message
        case let error as ImportError:
            status = Self.status(for: error.kind)
            message = error.message
        case let error as StorageError:
            status = .internalServerError
            message = "Internal Server Error: \(error.description)"
        case let error as UploadError:
            status = error.status
            message = error.message
        case let error as HTTPParserError:
            // The body's framing broke after the head was routed (a bad chunk size, say).
            status = .badRequest
            message = "The request is not valid HTTP: \(error)"
        case let error as RequestLimitError:
            status = error.status
            message = error.message
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
        // A full disk is the client's to retry later, not a server fault: 507, as XNAT and Orthanc answer.
        if status == .internalServerError, ImportError.isOutOfSpace(error) {
            status = Self.insufficientStorage
            message = ImportError.insufficientStorageMessage
        }
        if status == .unauthorized {
            headers[.wwwAuthenticate] = "Basic realm=\"\(Self.authenticationRealm)\""
        }
    }

    private static func status(for kind: AccountError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .invalidCredentials, .authenticationRequired, .accountDisabled, .accountLocked: .unauthorized
        case .invalidLogin, .invalidPassword: .badRequest
        case .loginTaken: .conflict
        case .notFound: .notFound
        case .notPermitted: .forbidden
        }
    }

    /// XNAT answers 417 for a bad project ID ("Invalid character in project ID."); Sluice answers 400, the status
    /// every other invalid parameter gets.
    private static func status(for kind: ProjectError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .invalidID, .invalidPrearchiveCode: .badRequest
        case .notFound: .notFound
        case .notPermitted: .forbidden
        case .conflict: .conflict
        }
    }

    /// Import and prearchive errors (`xnat-import-spec.md` §1.8, §4.6).
    private static func status(for kind: ImportError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .invalidRequest: .badRequest
        case .notPermitted: .forbidden
        case .notFound: .notFound
        case .notAcceptable: .notAcceptable
        case .conflict: .conflict
        case .preconditionFailed: .preconditionFailed
        case .contentTooLarge: .contentTooLarge
        case .insufficientStorage: Self.insufficientStorage
        case .notImplemented: .notImplemented
        case .serverFailure: .internalServerError
        }
    }

    /// Whether the connection should close after this answer: a limit's refusal (408, 413, 414, 415, 431), after which
    /// the rest of the body is not worth reading, or a body whose HTTP framing broke.
    var closesConnection: Bool {
        [408, 413, 414, 415, 431].contains(status.code) || message.hasPrefix("The request is not valid HTTP")
    }

    /// The response to send; `Connection: close` when ``closesConnection``, so clients do not reuse it.
    var response: Response {
        var headers = headers
        if closesConnection { headers[.connection] = "close" }
        return Response.plainText(message, status: status, headers: headers)
    }
}
