/// Starts and stops receivers for ``DICOMReceiverService``; the server implements it over its listeners.
package protocol DICOMReceiverControl: Sendable {
    /// Starts (or restarts) `receiver`, bound to its port; throws if the port cannot be bound.
    func start(_ receiver: DICOMReceiverDefinition) async throws
    /// Stops the receiver with this ID if it runs.
    func stop(id: Int) async
}

/// The receivers of `/xapi/dicomscp`: validation, the database rows, and starting or stopping listeners so a
/// change takes effect at once.
package struct DICOMReceiverService: Sendable {
    package let store: any MetadataStore
    package let control: any DICOMReceiverControl

    /// Creates the service.
    package init(store: any MetadataStore, control: any DICOMReceiverControl) {
        self.store = store
        self.control = control
    }

    /// Every receiver, by ID.
    package func list() async throws -> [DICOMReceiverDefinition] { try await store.dicomReceivers() }

    /// One receiver; 404 if there is none.
    package func receiver(id: Int) async throws -> DICOMReceiverDefinition {
        guard let receiver = try await store.dicomReceiver(id: id) else {
            throw ImportError(.notFound, "No DICOM SCP receiver with ID \(id)")
        }
        return receiver
    }

    /// Adds a receiver and starts it when enabled; a port that cannot be bound undoes the insert (409).
    package func create(_ receiver: DICOMReceiverDefinition) async throws -> DICOMReceiverDefinition {
        let checked = try await validated(receiver)
        let created = try await store.insertDICOMReceiver(checked)
        guard created.enabled else { return created }
        do {
            try await control.start(created)
        } catch {
            _ = try? await store.deleteDICOMReceiver(id: created.id)
            throw ImportError(.conflict, "Could not listen on port \(created.port): \(error)")
        }
        return created
    }

    /// Replaces receiver `id` and restarts or stops its listener.
    package func update(id: Int, _ receiver: DICOMReceiverDefinition) async throws -> DICOMReceiverDefinition {
        let previous = try await self.receiver(id: id)
        var checked = try await validated(receiver, replacing: id)
        checked.id = id
        _ = try await store.updateDICOMReceiver(checked)
        await control.stop(id: id)
        guard checked.enabled else { return checked }
        do {
            try await control.start(checked)
        } catch {
            _ = try? await store.updateDICOMReceiver(previous)
            if previous.enabled { try? await control.start(previous) }
            throw ImportError(.conflict, "Could not listen on port \(checked.port): \(error)")
        }
        return checked
    }

    /// Stops and removes receiver `id`.
    package func delete(id: Int) async throws {
        _ = try await receiver(id: id)
        await control.stop(id: id)
        _ = try await store.deleteDICOMReceiver(id: id)
    }

    /// Starts every enabled receiver (at startup); returns the ones that could not be started, with the reason.
    package func startEnabled() async throws -> [(DICOMReceiverDefinition, any Error)] {
        var failures: [(DICOMReceiverDefinition, any Error)] = []
        for receiver in try await store.dicomReceivers() where receiver.enabled {
            do { try await control.start(receiver) } catch { failures.append((receiver, error)) }
        }
        return failures
    }

    private func validated(
        _ receiver: DICOMReceiverDefinition,
        replacing id: Int? = nil
    ) async throws -> DICOMReceiverDefinition {
        var receiver = receiver
        guard let title = DICOMReceiverDefinition.validAETitle(receiver.aeTitle) else {
            throw ImportError(.invalidRequest, "aeTitle \(DICOMReceiverDefinition.aeTitleRequirement)")
        }
        receiver.aeTitle = title
        guard (1...65535).contains(receiver.port) else {
            throw ImportError(.invalidRequest, "port must be a whole number from 1 to 65535")
        }
        do {
            _ = try receiver.routing()
        } catch {
            throw ImportError(.invalidRequest, error.description)
        }
        let others = try await store.dicomReceivers().filter { $0.id != id && $0.enabled }
        if receiver.enabled, others.contains(where: { $0.port == receiver.port }) {
            throw ImportError(.conflict, "Another enabled DICOM SCP receiver uses port \(receiver.port)")
        }
        return receiver
    }
}
