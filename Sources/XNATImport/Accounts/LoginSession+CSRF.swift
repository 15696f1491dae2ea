import Crypto
import Foundation

extension LoginSession {
    /// The session's CSRF token (issue 8): the `var csrfToken = '…'` of `GET /`, which browser-driven requests that
    /// change something must send back as `XNAT_CSRF`. It is derived from the secret session ID (the first 32 hex
    /// digits of SHA-256 of a fixed prefix and the ID), so it needs no storage and cannot be guessed without the ID.
    package var csrfToken: String {
        let digest = SHA256.hash(data: Data(("sluice-csrf:" + id).utf8))
        return digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
