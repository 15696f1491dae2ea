/// An ordered collection of data elements (PS3.5 §7): a whole data set, the file meta group, or one item
/// of a sequence.
package struct DataSet: Sendable, Equatable {
    /// The elements in the order they were read (tag order, in a well-formed data set).
    package private(set) var elements: [DataElement] = []
    /// Whether `elements` is in ascending tag order, so look-ups can use binary search. Files nearly always
    /// are; when one is not, look-ups scan.
    private var isSorted = true
    /// How text in this data set is decoded: from its own (0008,0005), else inherited from the enclosing
    /// data set (PS3.5 §7.5.3).
    package var characterSet: SpecificCharacterSet

    package init(characterSet: SpecificCharacterSet = .default) {
        self.characterSet = characterSet
    }

    package init(_ elements: [DataElement], characterSet: SpecificCharacterSet = .default) {
        self.characterSet = characterSet
        for element in elements {
            insert(element)
        }
    }

    package var count: Int { elements.count }
    package var isEmpty: Bool { elements.isEmpty }

    package subscript(tag: Tag) -> DataElement? {
        guard let position = position(of: tag) else { return nil }
        return elements[position]
    }

    package func contains(_ tag: Tag) -> Bool {
        position(of: tag) != nil
    }

    private func position(of tag: Tag) -> Int? {
        guard isSorted else { return elements.firstIndex { $0.tag == tag } }
        var low = 0
        var high = elements.count
        while low < high {
            let middle = (low + high) / 2
            let found = elements[middle].tag
            if found == tag { return middle }
            if found < tag { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Adds an element, or replaces the one with the same tag. Returns whether one was replaced.
    @discardableResult
    package mutating func insert(_ element: DataElement) -> Bool {
        if element.tag == Tag(0x0008_0005) {
            characterSet = SpecificCharacterSet(element: element)
        }
        // In a sorted set a tag after the last one is new; otherwise look for it first.
        if let last = elements.last, !isSorted || last.tag >= element.tag {
            if let position = position(of: element.tag) {
                elements[position] = element
                return true
            }
            isSorted = false
        }
        elements.append(element)
        return false
    }

    /// Removes an element; returns it if there was one.
    @discardableResult
    package mutating func remove(_ tag: Tag) -> DataElement? {
        guard let position = position(of: tag) else { return nil }
        return elements.remove(at: position)
    }

    /// The elements sorted by tag, as they must be written (PS3.5 §7.1).
    package var sortedElements: [DataElement] {
        elements.sorted { $0.tag < $1.tag }
    }

    package static func == (lhs: DataSet, rhs: DataSet) -> Bool {
        lhs.elements == rhs.elements
    }
}
