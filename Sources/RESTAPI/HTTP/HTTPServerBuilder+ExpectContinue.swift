import Hummingbird
import HummingbirdCore

extension HTTPServerBuilder {
    /// Hummingbird's HTTP/1.1 server, answering `Expect: 100-continue` with an immediate `100 Continue`.
    ///
    /// Neither Hummingbird 2.28.1 nor SwiftNIO sends `100 Continue` on its own, so curl, which sends
    /// `Expect: 100-continue` with larger bodies (`curl -F file=@series.zip`, `xnat-clients.md` §7), waits a second
    /// before every upload. This server answers such a request before routing it, as RFC 9110 §10.1.1 allows. When
    /// the route then refuses the request without reading it (401, 404, …), Hummingbird reads and discards the body,
    /// as it does for every refused request.
    ///
    /// Use it in ``buildApplication(configuration:services:logger:)``:
    /// `Application(router:configuration:server: .http1AnsweringExpectContinue(), logger:)`.
    package static func http1AnsweringExpectContinue(
        configuration: HTTP1Channel.Configuration = .init()
    ) -> HTTPServerBuilder {
        .init { responder in
            HTTP1Channel(
                responder: { request, responseWriter, channel in
                    if let expect = request.headers[.expect], expect.lowercased() == "100-continue" {
                        try await responseWriter.writeInformationalHead(HTTPResponse(status: .continue))
                    }
                    try await responder(request, responseWriter, channel)
                },
                configuration: configuration
            )
        }
    }
}
