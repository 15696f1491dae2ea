/// A newly issued alias token together with its secret.
///
/// The secret exists only in this value and in the response that hands it to the client; the store keeps its hash.
package struct IssuedAliasToken: Sendable, Equatable {
    /// The stored token.
    package var token: AliasToken
    /// The secret, 64 letters and digits: the password half of HTTP Basic `alias:secret`.
    package var secret: String

    /// Creates the value.
    package init(token: AliasToken, secret: String) {
        self.token = token
        self.secret = secret
    }
}
