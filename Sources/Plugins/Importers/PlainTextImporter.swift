import DedupCore

extension Importer {
    /// UTF-8 plain text, taken as it is: the document's bytes are the file's bytes, so every
    /// offset points into the file.
    public static let plainText = Importer(
        name: "text",
        summary: "UTF-8 plain text; offsets point into the file itself",
        fileExtensions: ["txt", "text", "md"],
        read: { bytes, name, _ in ImportedDocument(document: try Document(bytes: bytes, name: name)) }
    )
}
