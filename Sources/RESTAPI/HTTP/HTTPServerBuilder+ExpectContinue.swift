import Hummingbird
import HummingbirdCore
import NIOCore

extension HTTPServerBuilder {
    /// Hummingbird's HTTP/1.1 server, answering `Expect: 100-continue` with an immediate `100 Continue`, and closing
    /// a connection whose request asked for it through ``ConnectionClosing``.
    ///
    /// Neither Hummingbird 2.28.1 nor SwiftNIO sends `100 Continue` on its own, so curl, which sends
    /// `Expect: 100-continue` with larger bodies (`curl -F file=@series.zip`, `xnat-clients.md` §7), waits a second
    /// before every upload. This server answers such a request before routing it, as RFC 9110 §10.1.1 allows. When
    /// the route then refuses the request without reading it (401, 404, …), Hummingbird reads and discards the body,
    /// as it does for every refused request — except after a limit's refusal (408, 413, 414, 431): then the
    /// connection's output is shut once the response is written (the client reads the answer, then the end of the
    /// stream) and the connection is closed a moment later, whatever the client still sends.
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
                    let closing = ConnectionClosing()
                    // The writer cannot be captured by the task-local's closure (it is consumed), so it travels in
                    // a box the closure empties.
                    let box = ResponseWriterBox(responseWriter)
                    try await ConnectionClosing.$current.withValue(closing) {
                        guard let writer = box.take() else { return }
                        try await responder(request, writer, channel)
                    }
                    if closing.isRequested {
                        Self.close(channel)
                    }
                },
                configuration: configuration
            )
        }
    }

    /// Shuts the output (after what was written) and closes the whole channel a second later.
    private static func close(_ channel: any Channel) {
        channel.close(mode: .output, promise: nil)
        channel.eventLoop.scheduleTask(in: .seconds(1)) {
            channel.close(promise: nil)
        }
    }
}

/// Carries the one `ResponseWriter` of a request into a closure, which takes it out once.
private final class ResponseWriterBox: @unchecked Sendable {
    private var writer: ResponseWriter?

    init(_ writer: consuming ResponseWriter) {
        self.writer = consume writer
    }

    func take() -> ResponseWriter? {
        writer.take()
    }
}
