// swift-tools-version: 6.1
// Benchmarks for dedup on ordo-one/benchmark, in a package of their own so that
// `swift build` and `swift test` of the main package never build them (nor fetch the
// benchmark package). Run from this folder with `swift package benchmark`; see README.md.
import PackageDescription

let package = Package(
    name: "DedupBenchmarks",
    dependencies: [
        // By path, named so that the product reference below does not depend on the name
        // of the folder the repository is checked out in.
        .package(name: "dedup", path: ".."),
        // Malloc counts come from the interposer (Swift 6.3+). Naming the trait alone leaves
        // out the Linux Swift 6.3 runtime interposer, a default trait whose package is not
        // mirrored here; it only adds ARC counts, which these benchmarks do not report.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The benchmark plugin runs the executable targets whose folder is in `Benchmarks/`.
        .executableTarget(
            name: "DedupBenchmarks",
            dependencies: [
                .product(name: "Dedup", package: "dedup"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/DedupBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
