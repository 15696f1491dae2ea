import Foundation
import Hummingbird
import XNATImport

/// The login and password of an `Authorization: Basic …` header (RFC 7617).
struct BasicCredentials: Equatable {
    var login: String
    var password: String

    /// The credentials in `request`, `nil` when it has no Basic `Authorization` header.
    ///
    /// A Basic header that cannot be decoded is bad credentials, not missing ones: it throws ``AccountError``.
    init?(request: Request) throws {
        guard let header = request.headers[.authorization] else {
            return nil
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic" else {
            return nil
        }
        guard let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let decoded = String(data: data, encoding: .utf8),
            let colon = decoded.firstIndex(of: ":")
        else {
            throw AccountError.loginFailed
        }
        login = String(decoded[..<colon])
        password = String(decoded[decoded.index(after: colon)...])
    }
}
