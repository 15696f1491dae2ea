import Testing
import XNATImport

@Suite struct PrearchiveStatusTests {
    @Test func everyXNATStatusNameRoundTrips() {
        // xnat-import-spec.md §4.3: 10 main, 5 queued, 8 in-progress statuses.
        let names = [
            "RECEIVING", "BUILDING", "READY", "ARCHIVING", "MOVING", "DELETING", "SEPARATING", "CONFLICT", "ERROR",
            "RECEIVING_INTERRUPT",
            "QUEUED_ARCHIVING", "QUEUED_BUILDING", "QUEUED_DELETING", "QUEUED_MOVING", "QUEUED_SEPARATING",
            "_ARCHIVING", "_BUILDING", "_CONFLICT", "_DELETING", "_MOVING", "_RECEIVING", "_RECEIVING_INTERRUPT",
            "_SEPARATING",
        ]
        #expect(Set(PrearchiveStatus.allCases.map(\.rawValue)) == Set(names))
        #expect(PrearchiveStatus.allCases.count == names.count)
        for name in names {
            #expect(PrearchiveStatus(rawValue: name)?.rawValue == name)
        }
    }

    @Test func pendingStatusesKeepTheLeadingUnderscore() {
        #expect(PrearchiveStatus.pendingReceivingInterrupt.rawValue == "_RECEIVING_INTERRUPT")
        #expect(PrearchiveStatus(rawValue: "receiving") == nil)
    }
}
