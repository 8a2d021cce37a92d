import DedupCore

extension Importer {
    /// Plain text. UTF-8 is taken as it is: the document's bytes are the file's bytes, so every
    /// offset points into the file, and there is no origin.
    ///
    /// A byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE), or an encoding named in the options
    /// (`GB18030`, `Big5`, `Shift_JIS`, `windows-1252`, any label iconv knows; a mark of the
    /// same encoding still tells the byte order), makes the importer decode the file to UTF-8,
    /// without the mark. Offsets then point into the decoded text, and the origin (format
    /// `text`, no blocks) gives the file's size and SHA-256 and the encoding read.
    ///
    /// Nothing is repaired. Errors are ``TextDecodingError``s: an unknown encoding; bytes that
    /// are not UTF-8 (when no encoding is named or marked) or not valid in the encoding, with
    /// the offset of the first; a NUL character, taken as the mark of a binary file; or a
    /// `DocumentError` for a text of 4 GiB or more. An empty file is an empty text.
    public static let plainText = Importer(
        name: "text",
        summary: "plain text: UTF-8 (offsets point into the file), UTF-16/32 with a BOM, or the encoding named",
        fileExtensions: ["txt", "text", "md"],
        read: { bytes, name, options in try PlainTextReader.read(bytes, name: name, options: options) }
    )
}

/// The plain-text importer's steps: choose the encoding, refuse binary input, decode.
enum PlainTextReader {
    static func read(_ bytes: [UInt8], name: String, options: ImportOptions) throws -> ImportedDocument {
        let chosen: (encoding: TextEncoding, start: Int)?
        if let label = options.encoding {
            guard let named = TextEncoding.named(label, for: bytes) else { throw TextDecodingError.unknownEncoding(label) }
            chosen = named
        } else {
            chosen = TextEncoding.byteOrderMark(of: bytes).map { (encoding: $0.0, start: $0.1) }
        }
        guard let (encoding, start) = chosen else {
            // UTF-8 as it is: the document is the file.
            try TextDecoding.refuseBinary(bytes, start: 0, unitSize: 1)
            do {
                return ImportedDocument(document: try Document(bytes: bytes, name: name))
            } catch .invalidUTF8(let offset) where bytes.indices.contains(offset) {
                throw TextDecodingError.notUTF8(offset: offset, byte: bytes[offset])
            }
        }
        try TextDecoding.refuseBinary(bytes, start: start, unitSize: encoding.codeUnitSize)
        let text = try TextDecoding.decode(bytes, from: encoding, start: start)
        try TextDecoding.refuseNUL(inDecoded: text)
        let origin = Origin(
            format: "text", path: name, input: bytes,
            encoding: encoding.name, blocks: [])
        return ImportedDocument(document: try Document(bytes: text, name: name), origin: origin)
    }
}
