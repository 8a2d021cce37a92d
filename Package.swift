// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "dedup",
    products: [
        .library(name: "Dedup", targets: ["DedupCore", "DedupPlugins"]),
        .library(name: "DedupCommandLine", targets: ["DedupCommandLine"]),
        .executable(name: "dedup", targets: ["dedup"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .target(name: "DedupCore", path: "Sources/Core"),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "DedupPlugins", dependencies: ["DedupCore", "CLibXML2"], path: "Sources/Plugins"),
        .target(
            name: "DedupCommandLine",
            dependencies: [
                "DedupCore", "DedupPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/dedup/Commands"
        ),
        .executableTarget(
            name: "dedup", dependencies: ["DedupCommandLine", "DedupPlugins"], path: "Sources/dedup/Main",
            // The Swift runtime linked in: a run starts in a third of the time, which counts
            // when a pipeline starts dedup once per document.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(name: "DedupCoreTests", dependencies: ["DedupCore"], path: "Tests/DedupCoreTests"),
        .testTarget(name: "DedupPluginsTests", dependencies: ["DedupPlugins"], path: "Tests/DedupPluginsTests"),
        .testTarget(
            name: "DedupCLITests", dependencies: ["DedupCore", "DedupPlugins", "DedupCommandLine"], path: "Tests/DedupCLITests",
            resources: []
        ),
    ],
    swiftLanguageModes: [.v6]
)
