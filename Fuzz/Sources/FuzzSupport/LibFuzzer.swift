import CLibFuzzer

/// Starting libFuzzer from a SwiftPM executable.
///
/// SwiftPM (tools version 5.5 and later) links every executable target with `main` defined
/// as `<Target>_main` (`--defsym main=<Target>_main` on Linux, `-alias` on macOS), so that
/// tests can link the executable. libFuzzer's own `main` then cannot be the entry point, and
/// a target built with `-parse-as-library` has no `<Target>_main`: each fuzz target defines
/// it (`@_cdecl("FuzzTextPipeline_main")`) and calls ``run(_:_:_:)``, which hands the command
/// line to libFuzzer's driver exactly as libFuzzer's `main` would.
public enum LibFuzzer {
    /// The fuzz callback's type: the one of `LLVMFuzzerTestOneInput`.
    public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Runs libFuzzer with the program's arguments; returns its exit status.
    public static func run(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ callback: Callback
    ) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, callback)
    }
}
