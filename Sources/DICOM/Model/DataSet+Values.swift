extension DataSet {
    /// The decoded value of an element, with this data set's character set.
    package func decoded(_ tag: Tag) -> DecodedValue? {
        self[tag]?.decoded(characterSet: characterSet)
    }

    /// All values of an element as text: strings as they are, numbers in their decimal form, person names
    /// as written. `nil` if the element is absent; empty if it has no value.
    package func strings(_ tag: Tag) -> [String]? {
        guard let value = decoded(tag) else { return nil }
        switch value {
        case .strings(let values), .decimalStrings(let values, _): return values
        case .personNames(let names): return names.map(\.description)
        case .signed(let values): return values.map { String($0) }
        case .unsigned(let values): return values.map { String($0) }
        case .floats(let values): return values.map { String($0) }
        case .tags(let tags): return tags.map(\.hexString)
        case .binary, .sequence, .fragments: return []
        }
    }

    /// The first value of an element as text; `nil` if absent or empty.
    package func string(_ tag: Tag) -> String? {
        strings(tag)?.first
    }

    /// All values of a numeric element (binary numbers, DS, IS) as `Double`.
    package func doubles(_ tag: Tag) -> [Double]? {
        guard let value = decoded(tag) else { return nil }
        switch value {
        case .decimalStrings(_, let numbers): return numbers.compactMap { $0 }
        case .signed(let values): return values.map { Double($0) }
        case .unsigned(let values): return values.map { Double($0) }
        case .floats(let values): return values
        default: return nil
        }
    }

    package func double(_ tag: Tag) -> Double? {
        doubles(tag)?.first
    }

    /// The first value of an integer element (US, UL, SS, SL, SV, UV, IS).
    package func int(_ tag: Tag) -> Int? {
        guard let value = decoded(tag) else { return nil }
        switch value {
        case .decimalStrings(_, let numbers): return numbers.first.flatMap { $0 }.flatMap { Int(exactly: $0) }
        case .signed(let values): return values.first.map { Int($0) }
        case .unsigned(let values): return values.first.flatMap { Int(exactly: $0) }
        default: return nil
        }
    }

    package func personName(_ tag: Tag) -> PersonName? {
        if case .personNames(let names) = decoded(tag) { return names.first }
        return nil
    }

    package func date(_ tag: Tag) -> DICOMDate? {
        string(tag).flatMap(DICOMDate.init(_:))
    }

    package func time(_ tag: Tag) -> DICOMTime? {
        string(tag).flatMap(DICOMTime.init(_:))
    }

    /// The items of a sequence element.
    package func items(_ tag: Tag) -> [DataSet]? {
        self[tag]?.items
    }
}
