import DedupCore
import DedupPlugins

/// A clean run worked out before anything is written: each input with the plugins that read
/// and write it and where its output goes, so that no output can overwrite an input (or
/// another output) that comes later in the list. Made by ``CleanRunner/plan(_:events:)``.
public struct CleanPlan: Sendable {
    /// The request planned.
    public let request: CleanRequest
    /// One job per input (or per input refused), in input order.
    let jobs: [CleanJob]
    /// Every input file, with the name it was found under.
    let inputs: [FileIdentity: String]
    /// Every output file.
    let targets: Set<String>
    /// The batch index, when the format writes one and results go to a folder.
    let index: BatchIndexPlan?
    /// Why the index cannot be written where it goes, found before the run.
    let indexProblem: BatchProblem?
    /// When planning began, on ``MonotonicClock``: the run's time counts from here.
    let started: Double
    /// What earlier runs saw (`--state`), read while planning; nil without a state or when
    /// the file does not exist yet.
    let state: CrossDocumentIndex?

    /// Inputs to clean (and inputs refused, which count as failed).
    public var inputCount: Int { jobs.count }
    /// Bytes of the input files (0 for streams).
    public var totalBytes: Int { jobs.reduce(0) { $0 + $1.input.size } }
    /// Whether the run is a batch: several inputs, or a folder walked.
    public var isBatch: Bool { jobs.count > 1 || request.inputs.contains { FileIO.isDirectory($0) } }
    /// The output files, in input order.
    public var outputs: [String] { jobs.compactMap { $0.refusal == nil ? $0.target : nil } }
}
