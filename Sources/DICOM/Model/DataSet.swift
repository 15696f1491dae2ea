/// An ordered collection of data elements (PS3.5 §7): a whole data set, the file meta group, or one item
/// of a sequence.
package struct DataSet: Sendable, Equatable {
    package private(set) var elements: [DataElement] = []
    private var positions: [Tag: Int] = [:]
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
        guard let position = positions[tag] else { return nil }
        return elements[position]
    }

    package func contains(_ tag: Tag) -> Bool {
        positions[tag] != nil
    }

    /// Adds an element, or replaces the one with the same tag. Returns whether one was replaced.
    @discardableResult
    package mutating func insert(_ element: DataElement) -> Bool {
        if let position = positions[element.tag] {
            elements[position] = element
            return true
        }
        positions[element.tag] = elements.count
        elements.append(element)
        if element.tag == Tag(0x0008_0005) {
            characterSet = SpecificCharacterSet(element: element)
        }
        return false
    }

    /// Removes an element; returns it if there was one.
    @discardableResult
    package mutating func remove(_ tag: Tag) -> DataElement? {
        guard let position = positions.removeValue(forKey: tag) else { return nil }
        let removed = elements.remove(at: position)
        for index in position..<elements.count {
            positions[elements[index].tag] = index
        }
        return removed
    }

    /// The elements sorted by tag, as they must be written (PS3.5 §7.1).
    package var sortedElements: [DataElement] {
        elements.sorted { $0.tag < $1.tag }
    }

    package static func == (lhs: DataSet, rhs: DataSet) -> Bool {
        lhs.elements == rhs.elements
    }
}
