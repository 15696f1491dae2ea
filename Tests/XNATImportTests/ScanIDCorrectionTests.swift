import Testing
import XNATImport

@Suite struct ScanIDCorrectionTests {
    typealias Existing = ScanIDCorrection.ExistingScan
    typealias Incoming = ScanIDCorrection.IncomingScan
    typealias Rename = ScanIDCorrection.Rename

    static let mr = ScanKind.mr.rawValue

    func plan(
        _ existing: [Existing],
        _ incoming: [Incoming],
        merge: Bool = true,
        override: Bool = true
    ) throws(ScanConflict) -> [Rename] {
        try ScanIDCorrection.plan(
            existing: existing,
            incoming: incoming,
            allowSessionMerge: merge,
            overrideExceptions: override
        )
    }

    /// rest-tests `TestImport.testModifiedSeriesUIDs` (overwrite=delete).
    @Test func modifiedSeriesUIDBecomesMR1() throws {
        let archived = [Existing(id: "1", uid: "A")]
        #expect(
            try plan(archived, [Incoming(id: "1", uid: "B", xsiType: Self.mr)]) == [
                Rename(from: "1", to: "1-MR1", reason: .numberTaken)
            ]
        )
        // More files of B arrive later as scan 1 again: they join 1-MR1 by UID.
        let afterwards = archived + [Existing(id: "1-MR1", uid: "B")]
        #expect(
            try plan(afterwards, [Incoming(id: "1", uid: "B", xsiType: Self.mr)]) == [
                Rename(from: "1", to: "1-MR1", reason: .matchesExistingUID)
            ]
        )
        // More files of A: scan 1, nothing to rename.
        #expect(try plan(afterwards, [Incoming(id: "1", uid: "A", xsiType: Self.mr)]) == [])
    }

    @Test func countsToTheFirstFreeSuffix() throws {
        let archived = [Existing(id: "4", uid: "A"), Existing(id: "4-MR1", uid: "B")]
        #expect(
            try plan(archived, [Incoming(id: "4", uid: "C", xsiType: Self.mr)]) == [
                Rename(from: "4", to: "4-MR2", reason: .numberTaken)
            ]
        )
        // An ID already carrying the suffix keeps its stem.
        #expect(
            try plan(archived, [Incoming(id: "4-MR1", uid: "C", xsiType: Self.mr)]) == [
                Rename(from: "4-MR1", to: "4-MR2", reason: .numberTaken)
            ]
        )
    }

    @Test func codeComesFromTheScanType() throws {
        let archived = [Existing(id: "2", uid: "A")]
        let pet = Incoming(id: "2", uid: "B", xsiType: ScanKind.pet.rawValue)
        #expect(try plan(archived, [pet]).map(\.to) == ["2-PT1"])
        let other = Incoming(id: "2", uid: "B", xsiType: ScanKind.otherDicom.rawValue)
        #expect(try plan(archived, [other]).map(\.to) == ["2-OT1"])
    }

    @Test func newScansPassUntouched() throws {
        #expect(try plan([Existing(id: "1", uid: "A")], [Incoming(id: "2", uid: "B", xsiType: Self.mr)]) == [])
        #expect(try plan([], [Incoming(id: "1", uid: "A", xsiType: Self.mr)], merge: false, override: false) == [])
    }

    @Test func sameIDAsAScanWithoutUIDMergesUnlessCorrecting() throws {
        let archived = [Existing(id: "1", uid: nil), Existing(id: "2", uid: "X")]
        #expect(try plan(archived, [Incoming(id: "1", uid: "A", xsiType: Self.mr)]) == [])
        let both = [Incoming(id: "1", uid: "A", xsiType: Self.mr), Incoming(id: "2", uid: "B", xsiType: Self.mr)]
        #expect(try plan(archived, both).map(\.to) == ["1-MR1", "2-MR1"])
    }

    @Test func uidMatchUnderAnotherIDJoinsThatScan() throws {
        let archived = [Existing(id: "7", uid: "A")]
        #expect(
            try plan(archived, [Incoming(id: "3", uid: "A", xsiType: Self.mr)], override: true) == [
                Rename(from: "3", to: "7", reason: .matchesExistingUID)
            ]
        )
        #expect(throws: ScanConflict.sameUIDDifferentNumber(scanID: "7")) {
            try plan(archived, [Incoming(id: "3", uid: "A", xsiType: Self.mr)], override: false)
        }
    }

    @Test func conflictsWithoutMerge() {
        let archived = [Existing(id: "1", uid: "A")]
        #expect(throws: ScanConflict.sameUIDAndNumber(scanID: "1")) {
            try plan(archived, [Incoming(id: "1", uid: "A", xsiType: Self.mr)], merge: false)
        }
        #expect(throws: ScanConflict.sameNumberDifferentUID(scanID: "1")) {
            try plan(archived, [Incoming(id: "1", uid: "B", xsiType: Self.mr)], merge: false)
        }
    }

    @Test func conflictMessages() {
        #expect(
            ScanConflict.sameUIDAndNumber(scanID: "1").description
                == "Session already contains a scan (1) with the same UID and number."
        )
        #expect(
            ScanConflict.sameNumberDifferentUID(scanID: "1").description
                == "Session already contains a scan (1) with the same number, but a different UID."
        )
        #expect(
            ScanConflict.sameUIDDifferentNumber(scanID: "7").description
                == "Session already contains a scan with the same UID, but a different number (7)."
        )
    }
}
