extension DataSetTokenizer {
    /// Reads between the items of a sequence: an item start, or the end of the sequence (PS3.5 §7.5).
    mutating func nextItem(sequence: Tag, end: Int?, encoding: Encoding) throws(DICOMParseError) -> DataSetToken? {
        let start = input.position
        if let end, start >= end {
            if start > end {
                try repairOrThrow(.invalidLength, sequence, "sequence content runs past the sequence's length", at: end)
            }
            stack.removeLast()
            return .sequenceEnd
        }
        guard input.available >= 8 else {
            guard inputIsComplete else { return nil }
            if input.available == 0 && end == nil {
                return try endOfInput(.truncated, sequence, "stream ended inside a sequence with no sequence delimiter")
            }
            return try endOfInput(.truncated, sequence, "stream ended inside a sequence")
        }
        let tag = input.tag(at: 0, littleEndian: encoding.isLittleEndian)
        let rawLength = input.uint32(at: 4, littleEndian: encoding.isLittleEndian)
        switch tag {
        case .item:
            let length: UInt32? = rawLength == 0xFFFF_FFFF ? nil : rawLength
            var itemEnd: Int?
            if let length {
                itemEnd = start + 8 + Int(length)
                if let end, itemEnd! > end {
                    // Seen in DICOMDIRs whose writers got the sequence length wrong: lenient mode reads on
                    // until the stream or a delimiter ends the sequence.
                    try repairOrThrow(.invalidLength, sequence, "item length \(length) runs past the end of its sequence")
                    stack[stack.count - 1] = .sequence(tag: sequence, end: nil, encoding: encoding)
                }
            }
            input.skip(8)
            stack.append(.item(end: itemEnd, encoding: encoding))
            return .itemStart(offset: start, length: length)
        case .sequenceDelimitationItem:
            if end != nil {
                try repairOrThrow(.unexpectedTag, sequence, "sequence delimiter in a sequence of defined length")
            }
            input.skip(8)
            stack.removeLast()
            return .sequenceEnd
        case .itemDelimitationItem:
            // An item delimiter with no open item: skip it (pydicom does) or refuse it.
            try repairOrThrow(.unexpectedTag, sequence, "item delimiter outside an item")
            input.skip(8)
            readAgain = true
            return nil
        default:
            throw error(.unexpectedTag, sequence, "expected an item (FFFE,E000) in the sequence but found \(tag)")
        }
    }

    /// Reads the fragments of encapsulated pixel data (PS3.5 §A.4): items of defined length, then a sequence
    /// delimiter. The first item is the Basic Offset Table.
    mutating func nextFragment(pixelData: Tag, encoding: Encoding) throws(DICOMParseError) -> DataSetToken? {
        let start = input.position
        guard input.available >= 8 else {
            guard inputIsComplete else { return nil }
            return try endOfInput(.truncated, pixelData, "stream ended inside encapsulated pixel data")
        }
        let tag = input.tag(at: 0, littleEndian: encoding.isLittleEndian)
        let rawLength = input.uint32(at: 4, littleEndian: encoding.isLittleEndian)
        switch tag {
        case .item:
            guard rawLength != 0xFFFF_FFFF else {
                throw error(.unexpectedUndefinedLength, pixelData, "pixel data fragment of undefined length")
            }
            let length = Int(rawLength)
            if length > options.maximumValueLength {
                throw error(.invalidLength, pixelData, "fragment length \(length) is over the limit")
            }
            guard input.available >= 8 + length else {
                guard inputIsComplete else { return nil }
                return try endOfInput(.truncated, pixelData, "stream ended inside a pixel data fragment")
            }
            input.skip(8)
            return .fragment(offset: start, bytes: input.take(length))
        case .sequenceDelimitationItem:
            input.skip(8)
            stack.removeLast()
            return .sequenceEnd
        default:
            throw error(.unexpectedTag, pixelData, "expected a fragment item in encapsulated pixel data but found \(tag)")
        }
    }
}
