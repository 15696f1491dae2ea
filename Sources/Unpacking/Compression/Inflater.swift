import CompressNIO
import NIOCore

/// Inflates a gzip (RFC 1952) or raw deflate (RFC 1951, as in zip) stream with zlib through CompressNIO, one
/// bounded piece of output at a time, and tells a stream that ended from one that was cut short.
///
/// CompressNIO's `ZlibDecompressor.inflate` returns normally both at the end of the stream (`Z_STREAM_END`) and
/// when zlib has used all the input (`Z_OK`), so ``inflate(_:into:)`` asks zlib once more with no input to tell
/// them apart: an ended stream answers `Z_STREAM_END` again, an unfinished one `Z_BUF_ERROR`.
final class Inflater {
    /// The framing around the deflate data.
    enum Framing {
        /// RFC 1952 header and CRC-32/size trailer, both checked by zlib.
        case gzip
        /// Bare deflate data (zip entries; the zip reader checks the CRC-32).
        case rawDeflate
    }

    /// Whether the current stream (gzip member) has ended.
    private(set) var hasEnded = false
    private let decompressor: ZlibDecompressor
    private var output: ByteBuffer
    private var empty: ByteBuffer

    /// Creates an inflater; `outputSize` bounds each piece passed to the consumer.
    init(_ framing: Framing, outputSize: Int = 1 << 16) throws {
        do {
            decompressor = try ZlibDecompressor(algorithm: framing == .gzip ? .gzip : .deflate, windowSize: 15)
        } catch {
            throw Problem.corrupt("\(error)")
        }
        output = ByteBufferAllocator().buffer(capacity: outputSize)
        // CompressNIO force-unwraps the input's base address, so even the empty input has storage.
        empty = ByteBufferAllocator().buffer(capacity: 16)
    }

    /// Inflates `input` until it is used up or the stream ends (unused input then stays in `input`), passing
    /// each piece of output to `consume`.
    ///
    /// - Throws: ``Problem/corrupt`` when zlib rejects the data (including a gzip CRC or size mismatch).
    func inflate(_ input: inout ByteBuffer, into consume: (ByteBuffer) throws -> Void) throws {
        while !hasEnded {
            do {
                try decompressor.inflate(from: &input, to: &output)
                try flush(consume)
                if input.readableBytes > 0 {
                    hasEnded = true  // Z_STREAM_END with input left over
                } else {
                    try probeForEnd(consume)
                    return
                }
            } catch let error as CompressNIOError where error == .bufferOverflow {
                try flush(consume)
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                try flush(consume)
                return
            } catch let error as CompressNIOError {
                throw Problem.corrupt(error.description)
            }
        }
    }

    /// Starts the next stream: the next member of a multi-member gzip file.
    func reset() throws {
        do {
            try decompressor.reset()
        } catch {
            throw Problem.corrupt("\(error)")
        }
        hasEnded = false
    }

    /// Why inflating failed.
    enum Problem: Error {
        /// zlib rejected the data; the associated text is CompressNIO's reason.
        case corrupt(String)
    }

    private func probeForEnd(_ consume: (ByteBuffer) throws -> Void) throws {
        while true {
            do {
                try decompressor.inflate(from: &empty, to: &output)
                let wroteNothing = output.readableBytes == 0
                try flush(consume)
                if wroteNothing {
                    hasEnded = true
                    return
                }
            } catch let error as CompressNIOError where error == .bufferOverflow {
                try flush(consume)
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                try flush(consume)
                return  // needs more input
            } catch let error as CompressNIOError {
                throw Problem.corrupt(error.description)
            }
        }
    }

    private func flush(_ consume: (ByteBuffer) throws -> Void) throws {
        if output.readableBytes > 0 {
            try consume(output)
        }
        output.clear()
    }
}
