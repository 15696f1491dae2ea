/// The kind of an archive entry, whatever its format.
enum EntryKind: Equatable {
    case file, folder, symbolicLink, hardLink
    /// A device, FIFO or socket.
    case special
    /// A kind Sluice does not unpack, described ("sparse file").
    case unsupported(String)
}
