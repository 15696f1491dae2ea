extension DataFolderVerifier {
    /// Reads the rows and the database's own checks from `store`, then compares them with the folders.
    package func verify(store: any MetadataStore) async throws -> VerificationReport {
        let records = VerificationRecords(
            prearchiveSessions: try await store.prearchiveSessions(),
            experiments: try await store.experiments(),
            databaseProblems: try await store.integrityProblems()
        )
        let verifier = self
        return try await BlockingWork.run { verifier.verify(records) }
    }
}
