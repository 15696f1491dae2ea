/// Why an ECAT 7 file could not be read: what went wrong, at which byte offset, and a message for
/// people.
///
/// The reader throws this for every malformed input (short file, wrong magic, directory loops,
/// pointers past the end of the file, absurd counts); it never traps on bad bytes.
package struct ECATParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of problem, for callers that react to some of them.
    package enum Kind: String, Equatable, Sendable {
        /// The bytes end before a structure the reader needs (main header, directory block or
        /// subheader).
        case truncated
        /// The file does not start with an ECAT 7 magic number (`MATRIX7...`); ECAT 6 files have
        /// none.
        case badMagic
        /// The matrix directory's linked list visits a block twice.
        case directoryCycle
        /// A block number in the directory points outside the file or into the main header.
        case badPointer
        /// A count in the directory is out of range (more than 31 entries in a block, negative,
        /// or more directory blocks than the reader accepts).
        case absurdCount
        /// The incremental reader was given bytes it did not ask for.
        case unexpectedInput
    }

    /// The class of problem.
    package var kind: Kind
    /// The byte offset in the file where the problem was found.
    package var offset: Int
    /// What happened, in words.
    package var message: String

    /// Makes an error of `kind` found at byte `offset`.
    package init(_ kind: Kind, offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    /// `truncated at byte 512: ...`.
    package var description: String {
        "\(kind.rawValue) at byte \(offset): \(message)"
    }
}
