/// Why an account operation or a login was refused.
package struct AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    package enum Kind: Sendable, Equatable {
        /// The login or the password is wrong (the two are not told apart).
        case invalidCredentials
        /// The request needs a logged-in user and carried no credentials or a session that has ended.
        case authenticationRequired
        /// A new account's login is empty, too long, or contains a colon, white space or control characters.
        case invalidLogin
        /// A new account's password is empty.
        case invalidPassword
        /// An account with this login exists already.
        case loginTaken
        /// The user or alias token the request names does not exist.
        case notFound
        /// The logged-in user may not do this (only administrators may act for other users).
        case notPermitted
        /// The login and password are right but the account is disabled (or a disabled user's token was used).
        case accountDisabled
        /// Password logins are refused for a while after too many failed ones.
        case accountLocked
    }

    /// What went wrong.
    package var kind: Kind
    /// A sentence for the log and the response body.
    package var message: String

    /// Creates an error; `message` is one sentence without a trailing period.
    package init(_ kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    package var description: String {
        message
    }
}

extension AccountError {
    /// A wrong login or password, with XNAT's message, which xnatpy recognises (`xnat-clients.md` §2.1, step 3).
    package static let loginFailed = AccountError(
        .invalidCredentials,
        message: "Login attempt failed. Please try again."
    )
    /// No login on a request that needs one, with the message XNAT's 401 page carries.
    package static let authenticationRequired = AccountError(
        .authenticationRequired,
        message: "The request requires user authentication"
    )
    /// A disabled account; said only to someone who gave its right password or a live token of its user.
    package static let accountDisabled = AccountError(
        .accountDisabled,
        message: "Login attempt failed: this account is disabled"
    )
    /// Too many failed logins; said for unknown logins too, so it does not tell whether a login exists.
    package static let accountLocked = AccountError(
        .accountLocked,
        message: "Login attempt failed: too many failed logins, the account is locked for a while"
    )
}
