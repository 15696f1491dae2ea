import DICOM
import Testing
import TestSupport

@Suite struct DataSetTests {
    func text(_ tag: Tag, _ value: String) -> DataElement {
        DataElement(tag: tag, vr: .LO, value: .bytes(Array(value.utf8)))
    }

    @Test func findsElementsInsertedInTagOrder() {
        let dataSet = DataSet([text(.modality, "MR"), text(.patientName, "A"), text(.patientID, "B")])
        #expect(dataSet.string(.patientID) == "B")
        #expect(dataSet[.studyDate] == nil)
        #expect(dataSet.count == 3)
    }

    @Test func replacesAndFindsWhateverTheInsertionOrder() {
        var dataSet = DataSet()
        dataSet.insert(text(.patientID, "1"))
        dataSet.insert(text(.modality, "MR"))  // out of order
        let replacedNew = dataSet.insert(text(.studyDescription, "S"))
        let replacedOld = dataSet.insert(text(.patientID, "2"))  // after an out-of-order insert, still found
        #expect(!replacedNew)
        #expect(replacedOld)
        #expect(dataSet.count == 3)
        #expect(dataSet.string(.patientID) == "2")
        #expect(dataSet.elements.map(\.tag) == [.patientID, .modality, .studyDescription])
        #expect(dataSet.sortedElements.map(\.tag) == [.modality, .studyDescription, .patientID])
        let removed = dataSet.remove(.modality)
        #expect(removed?.tag == .modality)
        #expect(dataSet.string(.studyDescription) == "S")
    }

    @Test func characterSetFollowsItsElement() {
        var dataSet = DataSet()
        dataSet.insert(Part10Writer.text(0x0008_0005, .CS, "ISO_IR 192"))
        #expect(dataSet.characterSet.terms == ["ISO_IR 192"])
    }
}
