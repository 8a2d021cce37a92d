import ArgumentParser

/// How documents are cleaned against each other (`--across-documents`).
struct CrossDocumentFlags: ParsableArguments {
    @Flag(
        help: """
            Clean across the documents too: drop each document that repeats an earlier one (equal, under \
            another template, re-wrapped, lightly edited, or a truncated leading part), and remove the lines \
            sites repeat in the header and footer of pages of different articles.
            """)
    var acrossDocuments = false

    @Option(
        help: ArgumentHelp(
            "With --across-documents: keep what this run saw in this file (read first when it exists), so that a later crawl is cleaned against it.",
            valueName: "file"))
    var state: String?

    @Flag(help: "With --across-documents: write no output for documents dropped as repeats (no file, no record), instead of an empty one.")
    var omitDropped = false
}
