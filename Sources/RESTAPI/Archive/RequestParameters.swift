import Foundation
import Hummingbird

/// The parameters of a service call, from the query string and an `application/x-www-form-urlencoded` body; the
/// query wins where both name one. `values(_:)` gives every value of a repeatable parameter such as `src`.
struct RequestParameters: Sendable {
    static let maximumBodySize = 256 * 1024
    private(set) var first: [String: String] = [:]
    private var repeated: [String: [String]] = [:]

    init(_ request: Request) async throws {
        for (key, value) in request.decodedQueryParameters {
            if first[key] == nil { first[key] = value }
            repeated[key, default: []].append(value)
        }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return }
        let body = try await request.body.collect(upTo: Self.maximumBodySize)
        for (key, value) in URLEncodedFields.pairs(String(buffer: body)) {
            if first[key] == nil { first[key] = value }
            repeated[key, default: []].append(value)
        }
    }

    subscript(_ name: String) -> String? {
        let value = first[name]?.trimmingCharacters(in: .whitespaces) ?? ""
        return value.isEmpty ? nil : value
    }

    /// Every parameter's first value, as sent (not trimmed).
    var all: [String: String] { first }

    func values(_ name: String) -> [String] {
        (repeated[name] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
