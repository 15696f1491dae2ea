extension DataSetTokenizer {
    /// Reads the next element of the root data set or of an item.
    mutating func nextElement(end: Int?, encoding: Encoding, inItem: Bool) throws(DICOMParseError) -> DataSetToken? {
        let start = input.position
        // An element waiting for more input is read again from its start: its repairs are recorded again then.
        let repairsBefore = repairs.count
        if let end, start >= end {
            if start > end {
                try repairOrThrow(.invalidLength, nil, "item content runs past the item's length", at: end)
            }
            stack.removeLast()
            return .itemEnd
        }
        guard input.available >= 4 else {
            guard inputIsComplete else { return nil }
            if input.available == 0 && !inItem {
                isFinished = true
                return nil
            }
            if input.available == 0 {
                return try endOfInput(.truncated, nil, "stream ended inside an item with no item delimiter")
            }
            if !inItem {
                // A few stray bytes after the last element: pydicom and dcmtk ignore them too.
                try repairOrThrow(.truncated, nil, "\(input.available) trailing bytes after the last element")
                input.skip(input.available)
                isFinished = true
                return nil
            }
            return try endOfInput(.truncated, nil, "stream ended inside an element header")
        }
        let tag = input.tag(at: 0, littleEndian: encoding.isLittleEndian)
        if stack.isEmpty, readsFileMetaOnly, !tag.isFileMeta {
            stoppedAt = tag
            return .stopped(tag: tag, offset: start)
        }
        if tag.isDelimiter {
            return try delimiterInElementContext(tag, end: end, encoding: encoding, inItem: inItem)
        }
        if stack.isEmpty, let stop = options.stopBefore, tag >= stop {
            stoppedAt = tag
            return .stopped(tag: tag, offset: start)
        }
        guard let header = try readElementHeader(tag: tag, encoding: encoding) else {
            guard inputIsComplete else {
                repairs.removeSubrange(repairsBefore...)
                return nil
            }
            return try endOfInput(.truncated, tag, "stream ended inside an element header")
        }
        let (element, headerLength) = header
        guard let length = element.length else {
            return try undefinedLengthElement(element, headerLength: headerLength, encoding: encoding)
        }
        let valueEnd = start + headerLength + Int(length)
        if let end, valueEnd > end {
            throw error(.invalidLength, tag, "value length \(length) runs past the end of its item", at: start)
        }
        if Int(length) > options.maximumValueLength {
            throw error(.invalidLength, tag, "value length \(length) is over the limit of \(options.maximumValueLength)", at: start)
        }
        if element.vr == .SQ {
            try pushSequence(tag: tag, end: valueEnd, encoding: encoding, at: start)
            input.skip(headerLength)
            return .sequenceStart(element)
        }
        if element.vr == .UN, length > 0, DataDictionary.defaultVR(for: tag) == .SQ {
            // A standard sequence that went through a system that did not know it: its value is the
            // sequence in implicit VR little endian (PS3.5 §6.2.2), so read it as one, as pydicom does.
            try pushSequence(tag: tag, end: valueEnd, encoding: .implicitLittleEndian, at: start)
            input.skip(headerLength)
            return .sequenceStart(
                ElementHeader(tag: tag, vr: .SQ, length: length, offset: start, isLittleEndian: true))
        }
        if length & 1 == 1 {
            try repairOrThrow(.invalidLength, tag, "odd value length \(length)", at: start)
        }
        guard input.available >= headerLength + Int(length) else {
            guard inputIsComplete else {
                repairs.removeSubrange(repairsBefore...)
                return nil
            }
            let present = input.available - headerLength
            // Lenient mode keeps the bytes that are there (pydicom does the same) and closes what is open.
            try repairOrThrow(.truncated, tag, "stream ended inside the value (\(length) bytes declared, \(present) present)", at: start)
            closingAtEnd = true
            input.skip(headerLength)
            return .element(element, value: input.take(present))
        }
        input.skip(headerLength)
        return .element(element, value: input.take(Int(length)))
    }

    /// Item and sequence delimiters met where an element was expected.
    private mutating func delimiterInElementContext(_ tag: Tag, end: Int?, encoding: Encoding, inItem: Bool)
        throws(DICOMParseError) -> DataSetToken?
    {
        guard input.available >= 8 else {
            guard inputIsComplete else { return nil }
            return try endOfInput(.truncated, tag, "stream ended inside a delimiter")
        }
        if tag == .itemDelimitationItem, inItem, end == nil {
            input.skip(8)
            stack.removeLast()
            return .itemEnd
        }
        if tag == .sequenceDelimitationItem, inItem, end == nil, stack.count >= 2 {
            // An item left open and its sequence closed: close both (seen in files from some old writers).
            try repairOrThrow(.unexpectedTag, tag, "sequence delimiter inside an item with no item delimiter")
            stack.removeLast()
            return .itemEnd
        }
        // A stray delimiter where an element should be: skip it (pydicom does too) or refuse it.
        try repairOrThrow(.unexpectedTag, tag, "unexpected delimiter \(tag)")
        input.skip(8)
        readAgain = true
        return nil
    }

    /// Parses an element header; `nil` if not all its bytes are there yet. Returns the header length too.
    private mutating func readElementHeader(tag: Tag, encoding: Encoding) throws(DICOMParseError)
        -> (ElementHeader, Int)?
    {
        let offset = input.position
        let little = encoding.isLittleEndian
        guard input.available >= 8 else { return nil }
        if encoding.isExplicitVR {
            if let vr = VR(byte0: input.byte(at: 4), byte1: input.byte(at: 5)) {
                if vr.hasLongLength {
                    guard input.available >= 12 else { return nil }
                    let length = input.uint32(at: 8, littleEndian: little)
                    return (ElementHeader(tag: tag, vr: vr, length: definedLength(length), offset: offset, isLittleEndian: little), 12)
                }
                let length = UInt32(input.uint16(at: 6, littleEndian: little))
                return (ElementHeader(tag: tag, vr: vr, length: length, offset: offset, isLittleEndian: little), 8)
            }
            // Two bytes that are no VR: some writers switch to implicit VR mid-stream. Lenient mode reads the
            // header as implicit VR (what dcmtk does); strict mode refuses.
            let found = String(format2Hex: input.byte(at: 4), input.byte(at: 5))
            try repairOrThrow(.invalidVR, tag, "invalid VR bytes \(found); read as an implicit VR header")
        }
        let length = input.uint32(at: 4, littleEndian: little)
        let vr = implicitVR(for: tag, length: length)
        return (ElementHeader(tag: tag, vr: vr, length: definedLength(length), offset: offset, isLittleEndian: little), 8)
    }

    private func definedLength(_ raw: UInt32) -> UInt32? {
        raw == 0xFFFF_FFFF ? nil : raw
    }

    /// The VR of an implicit-VR element: the dictionary's, SQ for unknown elements of undefined length
    /// (PS3.5 §7.5.1: only sequences and pixel data may have it), UN otherwise.
    private func implicitVR(for tag: Tag, length: UInt32) -> VR {
        if tag.isGroupLength { return .UL }
        if let vr = DataDictionary.defaultVR(for: tag) { return vr }
        return length == 0xFFFF_FFFF ? .SQ : .UN
    }

    private mutating func undefinedLengthElement(_ element: ElementHeader, headerLength: Int, encoding: Encoding)
        throws(DICOMParseError) -> DataSetToken?
    {
        let tag = element.tag
        switch element.vr {
        case .SQ:
            try pushSequence(tag: tag, end: nil, encoding: encoding, at: element.offset)
            input.skip(headerLength)
            return .sequenceStart(element)
        case .OB where tag == .pixelData, .OW where tag == .pixelData, .UN where tag == .pixelData:
            stack.append(.fragments(tag: tag, encoding: encoding))
            input.skip(headerLength)
            return .encapsulatedStart(element)
        case .UN:
            // PS3.5 §6.2.2: a UN element of undefined length is a sequence in implicit VR little endian.
            try pushSequence(tag: tag, end: nil, encoding: .implicitLittleEndian, at: element.offset)
            input.skip(headerLength)
            return .sequenceStart(element)
        default:
            if !encoding.isExplicitVR {
                try pushSequence(tag: tag, end: nil, encoding: encoding, at: element.offset)
                input.skip(headerLength)
                return .sequenceStart(ElementHeader(
                    tag: tag, vr: .SQ, length: nil, offset: element.offset, isLittleEndian: element.isLittleEndian))
            }
            throw error(.unexpectedUndefinedLength, tag, "undefined length on a \(element.vr) element", at: element.offset)
        }
    }

    mutating func pushSequence(tag: Tag, end: Int?, encoding: Encoding, at offset: Int) throws(DICOMParseError) {
        let sequences = stack.reduce(0) { count, container in
            if case .sequence = container { return count + 1 }
            return count
        }
        if sequences >= options.maximumDepth {
            throw error(.nestingTooDeep, tag, "sequences nested more than \(options.maximumDepth) deep", at: offset)
        }
        stack.append(.sequence(tag: tag, end: end, encoding: encoding))
    }
}

extension String {
    /// `"0x41 0x3F"`, for messages about bad bytes.
    init(format2Hex byte0: UInt8, _ byte1: UInt8) {
        self = "0x" + hex2(byte0) + " 0x" + hex2(byte1)
    }
}

func hex2(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
}
