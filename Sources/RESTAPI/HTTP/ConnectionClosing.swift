import Synchronization

/// Lets a route ask for its connection to be closed once its response is written: after a 408, 413, 414, 415 or 431
/// the rest of the body is not worth reading, and a client that keeps trickling bytes must not hold the
/// connection open (Hummingbird otherwise reads and discards the rest of every body). `ErrorResponseMiddleware` asks,
/// and sends `Connection: close` with the answer.
///
/// ``HTTPServerBuilder/http1AnsweringExpectContinue(configuration:)`` puts one in ``current`` for each request and
/// closes the connection afterwards when ``request()`` was called; outside it (router tests) ``current`` is `nil`
/// and nothing happens.
final class ConnectionClosing: Sendable {
    /// The current request's, when it runs on Sluice's HTTP/1.1 server.
    @TaskLocal static var current: ConnectionClosing?

    private let requested = Atomic<Bool>(false)

    /// Asks for the connection to close after the response.
    func request() {
        requested.store(true, ordering: .relaxed)
    }

    /// Whether ``request()`` was called.
    var isRequested: Bool {
        requested.load(ordering: .relaxed)
    }

    /// Asks the current request's connection to close after the response, if it has one.
    static func requestForCurrentConnection() {
        current?.request()
    }
}
