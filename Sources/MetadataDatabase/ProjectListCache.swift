import Synchronization
import XNATImport

/// The project list kept in memory between changes. Every C-STORE and gradual-DICOM object routes against the
/// whole list, which changes only when a project is added or edited; reading it from SQLite each time cost a
/// statement per object. Writes to the `projects` table go through ``invalidate()`` after they commit; a read that
/// raced a write does not keep its (possibly older) result, because the generation moved on.
final class ProjectListCache: Sendable {
    private struct State {
        var generation = 0
        var projects: [Project]?
    }

    private let state = Mutex(State())

    /// The cached list and the generation it belongs to; `projects` is `nil` when the list must be read.
    func lookUp() -> (generation: Int, projects: [Project]?) {
        state.withLock { ($0.generation, $0.projects) }
    }

    /// Keeps `projects`, read at `generation`, unless a write happened since.
    func keep(_ projects: [Project], readAt generation: Int) {
        state.withLock { state in
            if state.generation == generation { state.projects = projects }
        }
    }

    /// Forgets the list; call after every committed write to `projects`.
    func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.projects = nil
        }
    }
}
