/// One file (or standard input) to clean.
struct BatchInput: Sendable {
    /// The path to open; `-` for standard input.
    var path: String
    /// How messages name it.
    var displayName: String
    /// The path below the folder it was found in, for mirroring that folder's tree under the
    /// output folder; nil for a file named on the command line.
    var relativePath: String?
    /// Its size in bytes when known (a regular file), for the progress display.
    var size: Int
    /// Device and inode, so that no output is written over it.
    var identity: FileIdentity?
}
