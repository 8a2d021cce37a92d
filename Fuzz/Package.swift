// swift-tools-version: 6.0
// libFuzzer targets for dedup, in a package of their own so that `swift build` and
// `swift test` of the main package never build them. Build and run with ../scripts/fuzz;
// see README.md.
import PackageDescription

/// `-parse-as-library`: the fuzz targets have no top-level code. Each defines
/// `LLVMFuzzerTestOneInput` and the entry point SwiftPM links as `main`, which starts
/// libFuzzer (see Sources/FuzzSupport/LibFuzzer.swift). The sanitizer flags are given on the
/// command line (`-Xswiftc -sanitize=fuzzer,address`) so that they reach dedup's targets too
/// (coverage comes from them); without `-sanitize=fuzzer` the executables do not link.
let fuzzerSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

/// The fuzz targets, one folder of Sources each (scripts/fuzz runs them in this order).
let fuzzTargets = ["FuzzTextPipeline", "FuzzHTMLImporter", "FuzzExtraction", "FuzzJSONLines", "FuzzRestore", "FuzzState"]

let package = Package(
    name: "DedupFuzz",
    dependencies: [
        .package(name: "dedup", path: ".."),
    ],
    targets: [
        .systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CLibFuzzer", .product(name: "Dedup", package: "dedup")]
        ),
    ]
        + fuzzTargets.map {
            .executableTarget(
                name: $0,
                dependencies: ["FuzzSupport", .product(name: "Dedup", package: "dedup")],
                swiftSettings: fuzzerSettings
            )
        },
    swiftLanguageModes: [.v6]
)
