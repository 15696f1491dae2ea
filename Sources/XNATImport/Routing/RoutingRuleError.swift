/// Why a custom routing rule (`xnat-import-spec.md` §3.4) was rejected. XNAT's configuration API refuses such
/// rules; the site configuration should do the same and show `description`.
package enum RoutingRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line is not `(gggg,eeee):<regex>[:<group>][ t:<target> r:<replacement>]`.
    case syntax(String)
    /// A regular expression (the rule's or the `t:` target) does not compile.
    case invalidExpression(String)
    /// The rule asks for a group its expression does not have.
    case groupOutOfRange(group: Int, captureCount: Int, expression: String)
    /// The `r:` replacement is malformed or names a group the `t:` expression does not have.
    case invalidReplacement(String, reason: String)

    /// A message for the site administrator.
    package var description: String {
        switch self {
        case .syntax(let line):
            "Failed to parse routing expression '\(line)'"
        case .invalidExpression(let expression):
            "Invalid regular expression '\(expression)' in routing expression"
        case .groupOutOfRange(let group, let captureCount, let expression):
            "Routing expression '\(expression)' has \(captureCount) group(s); group \(group) does not exist"
        case .invalidReplacement(let replacement, let reason):
            "Invalid replacement '\(replacement)' in routing expression: \(reason)"
        }
    }
}
