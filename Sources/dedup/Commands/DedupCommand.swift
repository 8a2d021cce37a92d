import ArgumentParser
import DedupPlugins
import Synchronization

/// The `dedup` command line: cleans scraped articles of duplicated sections.
///
/// The `dedup` executable calls ``main(registry:)`` with ``PluginRegistry/builtIn``. A
/// third-party package that adds its own exporters or importers builds its own executable
/// the same way, with its registry:
///
/// ```swift
/// import DedupCommandLine
/// import DedupPlugins
/// DedupCommand.main(registry: PluginRegistry.builtIn.adding(.markdown))
/// ```
public struct DedupCommand: ParsableCommand {
    /// The command's name, summary and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Find and remove sections that a scraper stored more than once, with provenance for every byte.",
        subcommands: [Clean.self, Restore.self, Plugins.self, Diff.self, Across.self]
    )

    /// The root command, as the parser makes it.
    public init() {}

    /// The plugins the running command chooses from; set once by ``main(registry:)``.
    static let registryStore = Mutex(PluginRegistry.builtIn)

    static var registry: PluginRegistry { registryStore.withLock { $0 } }

    /// Runs the command line with the plugins of `registry`; usage errors exit with status 2,
    /// as diff(1) and grep(1) do, and failures on some inputs with status 1.
    public static func main(registry: PluginRegistry) -> Never {
        registryStore.withLock { $0 = registry }
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            var files: [String]?
            if arguments.first == "clean", let split = LongArgumentLists.split(Array(arguments.dropFirst())) {
                arguments = ["clean"] + split.parsed
                files = split.files
            }
            var command = try parseAsRoot(arguments)
            if let files, var clean = command as? Clean {
                clean.inputs = files
                try clean.validate()
                command = clean
            }
            try command.run()
            Self.exit()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Terminal.standardError(fullMessage(for: error) + "\n")
                Self.exit(withError: ExitCode(2))
            }
            Self.exit(withError: error)
        }
    }
}
