// swift-tools-version: 6.0
// A third-party exporter for dedup, in a package of its own: it depends on dedup's library
// products and adds a Markdown exporter without changing dedup itself.
import PackageDescription

let package = Package(
    name: "MarkdownExporter",
    products: [
        .library(name: "MarkdownExporter", targets: ["MarkdownExporter"]),
        .executable(name: "dedup-md", targets: ["dedup-md"]),
    ],
    dependencies: [
        .package(name: "dedup", path: "../.."),
    ],
    targets: [
        .target(name: "MarkdownExporter", dependencies: [.product(name: "Dedup", package: "dedup")]),
        .executableTarget(
            name: "dedup-md",
            dependencies: [
                "MarkdownExporter",
                .product(name: "Dedup", package: "dedup"),
                .product(name: "DedupCommandLine", package: "dedup"),
            ]
        ),
        .testTarget(name: "MarkdownExporterTests", dependencies: ["MarkdownExporter", .product(name: "Dedup", package: "dedup")]),
    ],
    swiftLanguageModes: [.v6]
)
