import ECAT

/// libFuzzer entry point: one input is one ECAT file, read as the session build reads it (main header, then each
/// byte range the reader asks for: directory blocks, then subheaders), and every field listed as `sluice dump` does.
///
/// Checks beyond "does not crash": every range asked for lies inside the file; reading range by range gives the same
/// file as `ECATReader.read`; at most `maxDirectoryBlocks` blocks are asked for (no directory loop).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzECAT(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    ECATFuzzing.check(bytes)
    return 0
}

enum ECATFuzzing {
    static func check(_ bytes: [UInt8]) {
        _ = ECATReader.isECAT7(bytes.prefix(7))
        let stepped = readInSteps(bytes)
        let whole = Result { () throws(ECATParseError) in try ECATReader.read(bytes) }
        switch (stepped, whole) {
        case (.success(let left), .success(let right)):
            // Compared as text: float fields may hold NaN, which is not equal to itself.
            require(
                left == right || "\(left)" == "\(right)",
                "reading range by range gave another file than reading whole"
            )
            touch(left)
        case (.failure(let left), .failure(let right)):
            require(left.kind == right.kind, "the two reads failed differently: \(left) vs \(right)")
        default:
            fatalError("reading range by range and whole disagree")
        }
    }

    /// Reads as `ECATFileReading` does: the first 512 bytes and the size, then each requested range.
    static func readInSteps(_ bytes: [UInt8]) -> Result<ECATFile, ECATParseError> {
        do {
            var reader = try ECATReader(mainHeaderBytes: bytes.prefix(512), fileSize: bytes.count)
            var requests = 0
            while let request = reader.nextRequest {
                require(
                    request.range.lowerBound >= 0 && request.range.upperBound <= bytes.count,
                    "the reader asked for bytes \(request.range) of a \(bytes.count)-byte file"
                )
                requests += 1
                require(requests <= ECATReader.maxDirectoryBlocks + bytes.count / 512 + 1, "too many requests")
                try reader.supply(bytes[request.range])
            }
            return .success(try reader.finish())
        } catch {
            return .failure(error)
        }
    }

    static func touch(_ file: ECATFile) {
        for field in file.mainHeader.fields { _ = "\(field.name)=\(field.value)" }
        _ = ECATTime.utcString(unixSeconds: Int64(file.mainHeader.scanStartTime))
        for matrix in file.matrices {
            for field in matrix.subheader.fields { _ = "\(field.name)=\(field.value)" }
            _ = matrix.subheader.frameStartTime
            _ = matrix.subheader.frameDuration
            _ = matrix.subheader.layoutName
        }
    }
}

/// `precondition` that also reports its message in optimised builds (libFuzzer runs release builds).
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "") {
    if !condition() { fatalError(message()) }
}
