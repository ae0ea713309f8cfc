// swift-tools-version:6.1
// Raking benchmark: a separate package so the main package stays free of benchmark targets.
import PackageDescription

let package = Package(
    name: "RakingBenchmark",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "sanarip", path: "../..")],
    targets: [
        .executableTarget(
            name: "RakingBenchmark",
            dependencies: [.product(name: "SanaripStatistics", package: "sanarip")],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
    ]
)
