// swift-tools-version:6.1
// .sav export benchmark: a separate package so the main package stays free of benchmark targets.
import PackageDescription

let package = Package(
    name: "SavExportBenchmark",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "sanarip", path: "../..")],
    targets: [
        .executableTarget(
            name: "SavExportBenchmark",
            dependencies: [.product(name: "SanaripInterchange", package: "sanarip")],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
    ]
)
