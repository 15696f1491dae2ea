import Logging
import ServiceLifecycle
import XNATImport

/// The prearchive's idle timer (`xnat-import-spec.md` §4.5, XNAT `SessionXMLRebuilder`): every check interval it
/// commits the RECEIVING sessions that have been left alone for the idle interval (building
/// them, and archiving those of auto-archive projects). Stops on graceful shutdown.
struct IdleSessionBuilder: Service {
    let archive: ArchiveService
    let logger: Logger

    func run() async throws {
        let configuration = archive.prearchive.configuration
        // Check at least as often as the idle interval, so a short interval (tests) is honoured.
        let period = min(configuration.idleCheckInterval, configuration.idleBuildInterval)
        logger.debug("Idle session builder started", metadata: ["interval": "\(configuration.idleBuildInterval)"])
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
            } catch {
                return
            }
            await archive.commitIdleSessions()
        }
    }
}
