// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "sanarip",
    defaultLocalization: "en",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sanarip", targets: ["sanarip"]),
        .library(name: "SanaripCore", targets: ["SanaripCore"]),
        .library(name: "SanaripInstrument", targets: ["SanaripInstrument"]),
        .library(name: "SanaripStatistics", targets: ["SanaripStatistics"]),
        .library(name: "SanaripReports", targets: ["SanaripReports"]),
        .library(name: "SanaripAnalysis", targets: ["SanaripAnalysis"]),
        .library(name: "SanaripStorage", targets: ["SanaripStorage"]),
        .library(name: "SanaripServer", targets: ["SanaripServer"]),
        .library(name: "SanaripInterchange", targets: ["SanaripInterchange"]),
        .library(name: "SanaripAudit", targets: ["SanaripAudit"]),
        .library(name: "SanaripCatalogue", targets: ["SanaripCatalogue"]),
        .library(name: "SanaripQualitative", targets: ["SanaripQualitative"]),
        .library(name: "SanaripMedia", targets: ["SanaripMedia"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
    ],
    targets: [
        // Domain core: studies, instruments, questions, choice lists, expressions, answers. No frameworks.
        .target(name: "SanaripCore", swiftSettings: swiftSettings),
        // Instrument engine: spreadsheets (XLSX/CSV), XLSForm reader, XForm writer, expressions, manuals.
        .target(
            name: "SanaripInstrument",
            dependencies: [
                "SanaripCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // Statistics: sample design, selection, weighting and design-based estimation. Pure Swift.
        .target(name: "SanaripStatistics", dependencies: ["SanaripCore"], swiftSettings: swiftSettings),
        // Analysis: what the statistics commands and the server share — reading data files (CSV, XLSX) into
        // columnar tables, weighting as recorded, calibration-aware designs.
        .target(name: "SanaripAnalysis", dependencies: ["SanaripStatistics", "SanaripInstrument"], swiftSettings: swiftSettings),
        // Reports: results tables as HTML with SVG charts, in Kyrgyz, Russian and English.
        .target(name: "SanaripReports", dependencies: ["SanaripCore", "SanaripStatistics", "SanaripAnalysis"], swiftSettings: swiftSettings),
        // Storage: GRDB on SQLite behind the protocols the server uses.
        .target(
            name: "SanaripStorage",
            dependencies: [
                "SanaripCore",
                "SanaripQualitative",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Interchange: file formats exchanged with other tools (SPSS .sav, ODK Collect settings QR codes, PNG, zlib).
        .target(name: "SanaripInterchange", dependencies: ["SanaripCore"], swiftSettings: swiftSettings),
        // Municipal web audit: libxml2's HTML parser, the polite crawler (AsyncHTTPClient), LOSI indicators and index.
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CSanaripHTML", dependencies: ["CLibXML2"]),
        .target(
            name: "SanaripAudit",
            dependencies: [
                "SanaripCore",
                "SanaripInstrument",
                "SanaripStorage",
                "CLibXML2",
                "CSanaripHTML",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // Catalogues (issue 14): courses, providers, e-services, legal acts and initiatives with schemas the code knows;
        // CSV/XLSX import and templates, CSV/XLSX/JSON/JSON-LD export, matching supply with the survey's needs.
        .target(name: "SanaripCatalogue", dependencies: ["SanaripCore", "SanaripInstrument"], swiftSettings: swiftSettings),
        .testTarget(name: "SanaripCatalogueTests", dependencies: ["SanaripCatalogue"], swiftSettings: swiftSettings),
        // Focus groups (issue 12): sessions, participants, transcripts (.txt/.docx/.odt), a trilingual codebook,
        // codings by several coders, agreement (Cohen's kappa, Krippendorff's alpha), matrices, REFI-QDA .qdpx.
        .target(
            name: "SanaripQualitative",
            dependencies: [
                "SanaripCore",
                "SanaripInstrument",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SanaripQualitativeTests",
            dependencies: ["SanaripQualitative", "SanaripStorage"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        // Media narratives (issue 12): outlets and their RSS/Atom/RDF feeds fetched politely through the audit's
        // fetcher (robots.txt, delay, charsets), archives imported from CSV, frames over time as tables and SVG charts.
        // The domain (sources, articles, frame dictionary and matcher, periods) lives in SanaripQualitative/Media.
        .target(
            name: "SanaripMedia",
            dependencies: ["SanaripCore", "SanaripInstrument", "SanaripQualitative", "SanaripStorage", "SanaripAudit", "SanaripReports", "CSanaripHTML"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SanaripMediaTests",
            dependencies: ["SanaripMedia", "SanaripQualitative", "SanaripStorage", "SanaripAudit", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        // Web workbench: Hummingbird 2, Mustache templates, en/ru/ky strings.
        .target(
            name: "SanaripServer",
            dependencies: [
                "SanaripCore",
                "SanaripInstrument",
                "SanaripStatistics",
                "SanaripAnalysis",
                "SanaripReports",
                "SanaripStorage",
                "SanaripInterchange",
                "SanaripAudit",
                "SanaripCatalogue",
                // focus groups (issue 12): the qualitative pages.
                "SanaripQualitative",
                "SanaripMedia",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // collect: RSA-OAEP and AES-CFB for decrypting encrypted forms' submissions.
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/templates"), .process("Resources/Localization"), .copy("Resources/static")],
            swiftSettings: swiftSettings
        ),
        // The thin `sanarip` command line.
        .executableTarget(
            name: "sanarip",
            dependencies: [
                "SanaripCore",
                "SanaripInstrument",
                "SanaripStatistics",
                "SanaripAnalysis",
                "SanaripReports",
                "SanaripStorage",
                "SanaripServer",
                "SanaripInterchange",
                "SanaripAudit",
                "SanaripCatalogue",
                "SanaripQualitative",
                "SanaripMedia",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/SanaripCLI",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SanaripCoreTests", dependencies: ["SanaripCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SanaripInstrumentTests",
            dependencies: ["SanaripInstrument"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SanaripStatisticsTests", dependencies: ["SanaripStatistics"], swiftSettings: swiftSettings),
        .testTarget(name: "SanaripAnalysisTests", dependencies: ["SanaripAnalysis"], swiftSettings: swiftSettings),
        .testTarget(name: "SanaripReportsTests", dependencies: ["SanaripReports"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SanaripCLITests", dependencies: ["sanarip"],
            // collect: the export-check form and the files the previous export wrote, read by path.
            exclude: ["Fixtures"], swiftSettings: swiftSettings
        ),
        .testTarget(name: "SanaripInterchangeTests", dependencies: ["SanaripInterchange"], swiftSettings: swiftSettings),
        // Municipal web audit: fixture websites served on loopback by the tests.
        .testTarget(
            name: "SanaripAuditTests",
            dependencies: [
                "SanaripAudit", "SanaripInstrument", "SanaripStorage", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SanaripStorageTests", dependencies: ["SanaripStorage"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SanaripServerTests",
            dependencies: [
                "SanaripServer",
                "SanaripAnalysis",
                "SanaripStatistics",
                "SanaripAudit",
                "SanaripCatalogue",
                "SanaripQualitative",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                // collect: another RSA key pair for the decryption tests.
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            // Test forms read by path (field-check also by the instrument tests and the fuzz harness).
            exclude: ["Fixtures/field-check", "Fixtures/review-survey", "Fixtures/entry-survey"],
            swiftSettings: swiftSettings
        ),
    ]
)
