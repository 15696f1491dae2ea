/// Who may import where (issue 8).
extension ImportService {
    /// The projects `user` may import into (`nil`: all, for an administrator), after checking the project the
    /// request names (`PROJECT_ID`, `project` or `dest`): 404 if the user may not see it, 403 if they may not edit
    /// it. A project named only by the data's headers is never refused: it just is not among the answer, so the
    /// data lands in Unassigned rather than in a project the uploader may not change.
    package func editableProjects(routing: ExplicitRouting, user: User) async throws -> Set<String>? {
        let access = AccessService(store: prearchive.store)
        if let named = routing.destination?.project ?? routing.project,
            let id = try? ProjectID(named), try await prearchive.store.project(id: id) != nil
        {
            try await access.require(.edit, user, in: named)
        }
        return try await access.projects(where: .edit, for: user)
    }
}
