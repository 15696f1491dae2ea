/// Archive-time scan-ID correction (`xnat-import-spec.md` §6.3, XNAT `ScanIdValidator`): which incoming scans
/// must be renamed before they are merged into an archived session, or why they cannot be.
///
/// Example (rest-tests `TestImport.testModifiedSeriesUIDs`, `overwrite=delete`): series 1 is archived as scan
/// `1`; a file of series number 1 with another SeriesInstanceUID arrives → its scan is renamed `1-MR1`; more
/// files of that UID later → they go to `1-MR1` (UID match); more of the original UID → scan `1`.
package enum ScanIDCorrection {
    /// A scan of the archived session.
    package struct ExistingScan: Sendable, Equatable {
        /// The archived scan ID.
        package var id: String
        /// Its SeriesInstanceUID; scans created by hand may have none.
        package var uid: String?

        /// An archived scan.
        package init(id: String, uid: String?) {
            self.id = id
            self.uid = uid
        }
    }

    /// A scan of the session being archived.
    package struct IncomingScan: Sendable, Equatable {
        /// The scan ID the session build gave it.
        package var id: String
        /// Its SeriesInstanceUID.
        package var uid: String?
        /// The scan's xsi type; its `ScanKind.correctionCode` goes into new IDs.
        package var xsiType: String

        /// A scan about to be archived.
        package init(id: String, uid: String?, xsiType: String) {
            self.id = id
            self.uid = uid
            self.xsiType = xsiType
        }
    }

    /// One rename; files and catalog move from `SCANS/<from>/…` to `SCANS/<to>/…`.
    package struct Rename: Sendable, Equatable {
        /// Why the scan is renamed.
        package enum Reason: Sendable, Equatable {
            /// The ID is taken by an archived scan with another UID: `<id>-<code><n>`, first unused `n`.
            case numberTaken
            /// An archived scan has the same UID: join it under its ID.
            case matchesExistingUID
        }

        /// The scan ID before.
        package var from: String
        /// The scan ID after.
        package var to: String
        /// Why.
        package var reason: Reason

        /// A rename of scan `from` to `to`.
        package init(from: String, to: String, reason: Reason) {
            self.from = from
            self.to = to
            self.reason = reason
        }
    }
}
