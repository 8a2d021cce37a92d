// swift-tools-version: 6.0
// A third-party article extractor for dedup, in a package of its own: it depends on dedup's
// library products and adds an extractor for one site without changing dedup itself.
import PackageDescription

let package = Package(
    name: "SiteExtractor",
    products: [
        .library(name: "SiteExtractor", targets: ["SiteExtractor"]),
        .executable(name: "dedup-site", targets: ["dedup-site"]),
    ],
    dependencies: [
        .package(name: "dedup", path: "../.."),
    ],
    targets: [
        .target(name: "SiteExtractor", dependencies: [.product(name: "Dedup", package: "dedup")]),
        .executableTarget(
            name: "dedup-site",
            dependencies: [
                "SiteExtractor",
                .product(name: "Dedup", package: "dedup"),
                .product(name: "DedupCommandLine", package: "dedup"),
            ]
        ),
        .testTarget(name: "SiteExtractorTests", dependencies: ["SiteExtractor", .product(name: "Dedup", package: "dedup")]),
    ],
    swiftLanguageModes: [.v6]
)
