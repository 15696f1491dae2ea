import Foundation

/// Where received instances go: the server's glue to the import pipeline (this target knows nothing of it).
package protocol InstanceStore: Sendable {
    /// Takes a received instance whose staged Part-10 file is complete and durable, and answers the C-STORE
    /// status. On success the store has moved the file away; whatever is left at `instance.file` afterwards is
    /// deleted.
    func store(_ instance: ReceivedInstance) async -> DIMSEStatus
}

/// One instance received over C-STORE, staged as a Part-10 file.
package struct ReceivedInstance: Sendable {
    /// The staged file: file meta synthesised from the association, then the data set exactly as received.
    package var file: URL
    /// The C-STORE request and its association (AE titles, transfer syntax).
    package var request: StoreRequest

    /// Creates the value.
    package init(file: URL, request: StoreRequest) {
        self.file = file
        self.request = request
    }
}

/// An ``InstanceStore`` made of a closure (tests, simple receivers).
package struct ClosureInstanceStore: InstanceStore {
    private let body: @Sendable (ReceivedInstance) async -> DIMSEStatus

    /// A store that runs `body`.
    package init(_ body: @escaping @Sendable (ReceivedInstance) async -> DIMSEStatus) {
        self.body = body
    }

    package func store(_ instance: ReceivedInstance) async -> DIMSEStatus {
        await body(instance)
    }
}
