import DedupPlugins
internal import DedupSystem

/// Works out every input's plugins and output file before anything is written: outputs are
/// named after their inputs below the destination folder, and an output that would overwrite
/// an input, another output, or a folder other outputs go in is refused.
struct OutputPlanner {
    var request: CleanRequest
    var registry: PluginRegistry

    /// The jobs for what the walk found, with every input file and every output claimed.
    /// `indexPath` is the batch index's file, which no output may take: an output that would
    /// is written as `NAME.report.EXT` (or the first free `NAME.report-N.EXT`) instead.
    func plan(_ items: [InputWalker.Item], indexPath: String?) -> (jobs: [CleanJob], inputs: [FileIdentity: String], targets: Set<String>) {
        let destination = request.destination
        var inputIdentities: [FileIdentity: String] = [:]
        for case .input(let input) in items {
            if let identity = input.identity, inputIdentities[identity] == nil { inputIdentities[identity] = input.displayName }
        }
        var claimed: [String: String] = [:]  // output path -> the input it comes from
        if let indexPath { claimed[indexPath] = "the batch index" }
        // Every output's own name, so that the one renamed for the index takes none of them.
        var ownTargets: Set<String> = []
        if indexPath != nil, case .folder(let folder) = destination {
            for case .input(let input) in items {
                let exporter = request.exporter(for: request.importer(for: input.path, in: registry), in: registry)
                ownTargets.insert(Self.target(of: input, in: folder, ext: exporter.fileExtension))
            }
        }
        var claimedFolders: Set<String> = []  // folders the outputs go in, below the output folder
        var jobs: [CleanJob] = []
        jobs.reserveCapacity(items.count)
        for item in items {
            let input: BatchInput
            switch item {
            case .problem(let error):
                let placeholder = BatchInput(path: error.path, displayName: error.path, relativePath: nil, size: 0, identity: nil)
                jobs.append(
                    CleanJob(
                        number: jobs.count,
                        input: placeholder, importer: .plainText, exporter: .text, target: nil,
                        refusal: BatchProblem(error)))
                continue
            case .input(let found):
                input = found
            }
            let importer = request.importer(for: input.path, in: registry)
            let exporter = request.exporter(for: importer, in: registry)
            var job = CleanJob(input: input, importer: importer, exporter: exporter, target: nil)
            var folders: [String] = []
            switch destination {
            case .standardOutput:
                break
            case .file(let file):
                job.target = file
            case .folder(let folder):
                var target = Self.target(of: input, in: folder, ext: exporter.fileExtension)
                if let indexPath, FilePath.same(target, indexPath) {
                    // A crawl's own index.html: its page takes the first free index.report[-N].html.
                    var n = 1
                    repeat {
                        let ext = (n == 1 ? "report." : "report-\(n).") + exporter.fileExtension
                        target = Self.target(of: input, in: folder, ext: ext)
                        n += 1
                    } while ownTargets.contains(target) || claimed[target] != nil
                }
                job.target = target
                folders = FilePath.folders(of: target, below: folder)
            }
            if let target = job.target {
                if let earlier = claimed[target] {
                    job.refusal = BatchProblem(
                        path: input.displayName,
                        problem: "its output \(target) would overwrite the output of \(earlier); write it to another folder with -o")
                } else if claimedFolders.contains(target) {
                    job.refusal = BatchProblem(
                        path: input.displayName,
                        problem: "its output \(target) would be a folder that other outputs go in; write it to another folder with -o")
                } else if let folder = folders.first(where: { claimed[$0] != nil }), let other = claimed[folder] {
                    job.refusal = BatchProblem(
                        path: input.displayName,
                        problem: "its output \(target) would go in \(folder), the output of \(other); write it to another folder with -o")
                } else if let identity = FileIdentity(path: target), let other = inputIdentities[identity] {
                    job.refusal = BatchProblem(
                        path: input.displayName,
                        problem: input.identity == identity
                            ? "its output \(target) would overwrite the input"
                            : "its output \(target) would overwrite the input \(other)")
                } else {
                    claimed[target] = input.displayName
                    claimedFolders.formUnion(folders)
                    job.skip = request.skipExisting && FileIO.isRegularFile(target)
                }
            }
            job.number = jobs.count
            jobs.append(job)
        }
        return (jobs, inputIdentities, Set(claimed.keys))
    }

    /// Where `input`'s output goes in the output `folder`: its path below the folder it
    /// was found in (or its name), with the extension `ext`.
    static func target(of input: BatchInput, in folder: String, ext: String) -> String {
        let relative = input.relativePath ?? (input.path == "-" ? "stdin" : FilePath.name(of: input.path))
        return "\(folder)/\(FilePath.replacingExtension(of: relative, with: ext))"
    }

    /// Whether `path` names, by another spelling (`./out/a.txt`, a link to the folder), an
    /// output of the run or its index.
    static func isOutput(_ path: String, targets: Set<String>, destination: Destination, indexFileName: String?) -> Bool {
        guard case .folder(let folder) = destination, let root = FilePath.resolvedFolder(folder),
            let within = FilePath.resolvedFolder(FilePath.folder(of: path))
        else { return false }
        let resolved = FilePath.joined(within, FilePath.name(of: path))
        guard let relative = FilePath.relative(resolved, to: root == "/" ? "" : root) else { return false }
        return targets.contains("\(folder)/\(relative)") || relative == indexFileName
    }
}
