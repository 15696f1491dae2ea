/// Builds a `DataSet` tree from tokens (dicom-rs `InMemDicomObject` from a token stream).
package struct DataSetBuilder: Sendable {
    /// An open sequence: the element that started it and the items read so far, the last one still open.
    private struct OpenSequence: Sendable {
        let header: ElementHeader
        var items: [DataSet] = []
        var fragments: [[UInt8]] = []
        var isEncapsulated: Bool
    }

    /// `levels[0]` is the root; one more for each open item.
    private var levels: [DataSet]
    private var sequences: [OpenSequence] = []
    /// Top-level group 0002 elements go here rather than into the data set.
    package private(set) var fileMeta = DataSet()
    /// Elements that appeared twice in one data set (the later one is kept).
    package private(set) var duplicates: [ElementHeader] = []

    package init(characterSet: SpecificCharacterSet = .default) {
        levels = [DataSet(characterSet: characterSet)]
    }

    /// The data set built so far (complete once the tokenizer has finished).
    package var dataSet: DataSet { levels[0] }

    package mutating func consume(_ token: DataSetToken) {
        switch token {
        case .element(let header, let value):
            let element = DataElement(
                tag: header.tag, vr: header.vr, value: .bytes(value), offset: header.offset,
                isLittleEndian: header.isLittleEndian)
            if levels.count == 1 && header.tag.isFileMeta {
                fileMeta.insert(element)
            } else if levels[levels.count - 1].insert(element) {
                duplicates.append(header)
            }
        case .sequenceStart(let header):
            sequences.append(OpenSequence(header: header, isEncapsulated: false))
        case .encapsulatedStart(let header):
            sequences.append(OpenSequence(header: header, isEncapsulated: true))
        case .itemStart:
            levels.append(DataSet(characterSet: levels[levels.count - 1].characterSet))
        case .itemEnd:
            guard levels.count > 1, !sequences.isEmpty else { return }
            let item = levels.removeLast()
            sequences[sequences.count - 1].items.append(item)
        case .fragment(_, let bytes):
            guard !sequences.isEmpty else { return }
            sequences[sequences.count - 1].fragments.append(bytes)
        case .sequenceEnd:
            guard let sequence = sequences.popLast() else { return }
            let value: DataElement.Value =
                sequence.isEncapsulated ? .fragments(sequence.fragments) : .sequence(sequence.items)
            let element = DataElement(
                tag: sequence.header.tag, vr: sequence.header.vr, value: value, offset: sequence.header.offset,
                isLittleEndian: sequence.header.isLittleEndian)
            if levels[levels.count - 1].insert(element) {
                duplicates.append(sequence.header)
            }
        case .stopped:
            break
        }
    }
}
