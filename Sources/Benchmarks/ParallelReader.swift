import Dispatch
import Synchronization

/// Reads the headers of a list of files on one or more threads.
enum ParallelReader {
    /// What all the reads together produced.
    struct Totals: Sendable {
        /// Wrapping sum of the fingerprints of one pass over the files (the same whatever the thread count).
        var checksum: UInt64 = 0
        var bytesRead = 0
    }

    /// Reads every file `repetitions` times. With one thread everything runs on the calling thread; with
    /// more, thread `k` reads the files at positions `k`, `k + threads`, ...
    static func readAll(_ paths: [String], repetitions: Int, threads: Int, chunkSize: Int) throws -> Totals {
        if threads == 1 {
            return try read(paths, thread: 0, of: 1, repetitions: repetitions, chunkSize: chunkSize)
        }
        let outcome = Mutex<(totals: Totals, error: BenchmarkError?)>((Totals(), nil))
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            do {
                let part = try read(paths, thread: thread, of: threads, repetitions: repetitions, chunkSize: chunkSize)
                outcome.withLock {
                    $0.totals.checksum &+= part.checksum
                    $0.totals.bytesRead += part.bytesRead
                }
            } catch {
                outcome.withLock { $0.error = $0.error ?? (error as? BenchmarkError) ?? BenchmarkError("\(error)") }
            }
        }
        return try outcome.withLock {
            if let error = $0.error { throw error }
            return $0.totals
        }
    }

    private static func read(
        _ paths: [String],
        thread: Int,
        of threads: Int,
        repetitions: Int,
        chunkSize: Int
    ) throws -> Totals {
        var reader = HeaderFileReader(chunkSize: chunkSize)
        var checksum: UInt64 = 0
        for repetition in 0..<repetitions {
            for index in stride(from: thread, to: paths.count, by: threads) {
                let fingerprint = HeaderAttributes.fingerprint(of: try reader.readHeader(path: paths[index]))
                if repetition == 0 { checksum &+= fingerprint }
            }
        }
        return Totals(checksum: checksum, bytesRead: reader.bytesRead)
    }
}
