/// Why a clean request cannot run at all: a usage problem, found before any input is
/// cleaned (the command line exits with status 2). Descriptions name the `dedup clean`
/// options that correspond to the request's properties.
public enum CleanRequestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No input was given.
    case noInputs
    /// No exporter has this name.
    case unknownFormat(String, choices: [String])
    /// No importer has this name.
    case unknownInputFormat(String, choices: [String])
    /// An import option cannot be used (an XPath that does not compile, an unknown encoding).
    case badImportOption(String)
    /// The JSON Lines text and provenance fields are empty or the same.
    case sameFields
    /// Standard input (`-`) is named more than once.
    case standardInputTwice
    /// Skipping inputs whose output exists needs outputs in files.
    case skipExistingWithoutOutput
    /// The destination is one file, but several inputs (or a folder) are to be cleaned.
    case fileForManyInputs(String)
    /// The number of jobs is not between 1 and 1024.
    case jobsOutOfRange
    /// The size limit is below one byte.
    case maxBytesTooSmall
    /// The report's folder does not exist.
    case reportFolderMissing(String, folder: String)
    /// The report's path is a folder.
    case reportIsFolder(String)
    /// The report would overwrite an input.
    case reportOverwritesInput(String, input: String)
    /// The report would overwrite an output of the run.
    case reportOverwritesOutput(String)
    /// The output folder is one of the input folders.
    case outputFolderIsInput(String, input: String)
    /// The cross-document state cannot be used.
    case badState(String, problem: String)
    /// A cross-document option needs cleaning across documents.
    case needsAcrossDocuments

    /// The problem in words.
    public var description: String {
        switch self {
        case .noInputs: "give at least one file, or '-' for standard input"
        case .unknownFormat(let name, let choices): "unknown format '\(name)'; choose one of: \(choices.joined(separator: ", "))"
        case .unknownInputFormat(let name, let choices):
            "unknown input format '\(name)'; choose one of: \(choices.joined(separator: ", "))"
        case .badImportOption(let problem): problem
        case .sameFields: "--text-field and --provenance-field must be two different non-empty names"
        case .standardInputTwice: "standard input ('-') can be read only once"
        case .skipExistingWithoutOutput: "--skip-existing needs --output"
        case .fileForManyInputs(let file): "-o \(file) names a file, but more than one file is to be cleaned; give a folder"
        case .jobsOutOfRange: "--jobs must be between 1 and 1024"
        case .maxBytesTooSmall: "--max-bytes must be at least 1"
        case .reportFolderMissing(let report, let folder): "--report \(report): no such folder \(folder)"
        case .reportIsFolder(let report): "--report \(report) is a folder; name a file"
        case .reportOverwritesInput(let report, let input): "--report \(report) would overwrite the input \(input)"
        case .reportOverwritesOutput(let report): "--report \(report) would overwrite an output"
        case .badState(let path, let problem): "--state \(path): \(problem)"
        case .needsAcrossDocuments: "--state and --omit-dropped go with --across-documents"
        case .outputFolderIsInput(let folder, let input):
            "the output folder \(folder) is the input folder \(input); write to another folder"
        }
    }
}
