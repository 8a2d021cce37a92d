// swift-tools-version: 6.2
// 6.2: the first tools version whose packages may keep unsafe linker flags when another
// package depends on them by URL and version (the release build's static runtime below).
import PackageDescription

let package = Package(
    name: "dedup",
    products: [
        .library(name: "Dedup", targets: ["DedupCore", "DedupPlugins", "DedupEngine"]),
        .library(name: "DedupCommandLine", targets: ["DedupCommandLine"]),
        .executable(name: "dedup", targets: ["dedup"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // Documents, normalizer, segmenters, detectors, provenance, diff: Swift, with one C
        // file for SHA-256 in the processor's own instructions where it has them, and a
        // prefetch hint for the match finder.
        .target(name: "CSHA256", path: "Sources/CSHA256"),
        .target(name: "CPrefetch", path: "Sources/CPrefetch"),
        .target(name: "DedupCore", dependencies: ["CSHA256", "CPrefetch"], path: "Sources/Core"),
        // The C library (the one platform import), its allocator settings and path names,
        // for Plugins, Engine and the command.
        .target(name: "CAllocator", path: "Sources/CAllocator"),
        .target(name: "DedupSystem", dependencies: ["CAllocator"], path: "Sources/System"),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // Formats: importers and exporters, one folder each, the registry and the plugin API.
        .target(name: "DedupPlugins", dependencies: ["DedupCore", "DedupSystem", "CLibXML2"], path: "Sources/Plugins"),
        // Running work: inputs, output planning, threads, atomic writes, batch and stream runners.
        .target(name: "DedupEngine", dependencies: ["DedupCore", "DedupPlugins", "DedupSystem"], path: "Sources/Engine"),
        // The command line: arguments in, engine calls out.
        .target(
            name: "DedupCommandLine",
            dependencies: [
                "DedupCore", "DedupPlugins", "DedupEngine", "DedupSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/dedup/Commands"
        ),
        .executableTarget(
            name: "dedup", dependencies: ["DedupCommandLine", "DedupCore", "DedupEngine", "DedupPlugins", "DedupSystem"], path: "Sources/dedup/Main",
            // The Swift runtime linked in: a run starts in a third of the time, which counts
            // when a pipeline starts dedup once per document.
            linkerSettings: [
                .unsafeFlags(
                    ["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims", "-use-ld=lld"],
                    .when(platforms: [.linux], configuration: .release))
            ]
        ),
        .testTarget(name: "DedupCoreTests", dependencies: ["DedupCore"], path: "Tests/DedupCoreTests"),
        .testTarget(name: "DedupPluginsTests", dependencies: ["DedupPlugins"], path: "Tests/DedupPluginsTests"),
        .testTarget(name: "DedupEngineTests", dependencies: ["DedupCore", "DedupPlugins", "DedupEngine", "DedupSystem"], path: "Tests/DedupEngineTests"),
        .testTarget(
            name: "DedupCLITests", dependencies: ["DedupCore", "DedupPlugins", "DedupEngine", "DedupCommandLine"],
            path: "Tests/DedupCLITests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
