// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: formats (DICOM, ECAT, Unpacking) <- domain (XNATImport) <- edges
// (MetadataDatabase, RESTAPI, Server). The format targets list no dependencies on purpose: that is
// how the package enforces that they stay pure. See Docs/Architecture.md.

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// MARK: - Fuzz targets (libFuzzer, `Scripts/fuzz/run.sh`; see Fuzz/README.md). Each is one file holding the
// `LLVMFuzzerTestOneInput` entry point; a build without `--sanitize=fuzzer` makes it an executable that does nothing.
let fuzzTargets: [Target] = [
    ("FuzzDICOMFile", ["DICOM"]),
    ("FuzzDICOMDataSet", ["DICOM"]),
    ("FuzzECAT", ["ECAT"]),
    ("FuzzArchiveEntries", ["Unpacking"]),
    ("FuzzSessionXML", ["XNATImport"]),
    ("FuzzDestination", ["XNATImport"]),
    ("FuzzPDU", ["DICOMNetwork", "DICOM"]),
].map { name, dependencies in
    .executableTarget(
        name: name, dependencies: dependencies, path: "Fuzz/\(name)", swiftSettings: swiftSettings,
        // DICOM's rounding calls libm, which nothing else links into an executable built without the fuzzer runtime.
        linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
    )
}

let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice", targets: ["Server"]),
        .executable(name: "sluice-bench", targets: ["Benchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
    ],
    targets: [
        // MARK: - Formats (pure: no dependencies, no IO)
        .target(name: "DICOM", exclude: ["README.md"], swiftSettings: swiftSettings),
        .target(name: "ECAT", exclude: ["README.md"], swiftSettings: swiftSettings),

        // MARK: - Archives (zip with ZIPFoundation, gzip with CompressNIO, tar by hand)
        .target(
            name: "Unpacking",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Domain
        .target(
            name: "XNATImport",
            dependencies: [
                "DICOM", "ECAT", "Unpacking",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),

        // MARK: - DICOM network (PS3.7/PS3.8 upper layer on SwiftNIO; independent of the domain)
        .target(
            name: "DICOMNetwork",
            dependencies: [
                "DICOM",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Edges
        .target(
            name: "MetadataDatabase",
            dependencies: [
                "XNATImport",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RESTAPI",
            dependencies: [
                "XNATImport", "Unpacking",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"],
            resources: [.copy("Resources/Schemas")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "Server",
            dependencies: [
                "DICOM", "ECAT", "XNATImport", "MetadataDatabase", "RESTAPI", "DICOMNetwork",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Benchmarks (`make bench`; release builds only, never in CI)
        .executableTarget(
            name: "Benchmarks",
            dependencies: [
                "DICOM", "ECAT",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Test support and tests
        .target(name: "TestSupport", dependencies: ["DICOM", "ECAT"], exclude: ["README.md"], swiftSettings: swiftSettings),
        .testTarget(name: "DICOMTests", dependencies: ["DICOM", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ECATTests", dependencies: ["ECAT", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "UnpackingTests", dependencies: ["Unpacking"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DICOMNetworkTests",
            dependencies: ["DICOMNetwork", "DICOM", "TestSupport", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "XNATImportTests",
            dependencies: ["XNATImport", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MetadataDatabaseTests",
            dependencies: [
                "MetadataDatabase", "TestSupport",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RESTAPITests",
            dependencies: [
                "RESTAPI", "XNATImport", "MetadataDatabase", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: ["Server", "RESTAPI", "XNATImport", "MetadataDatabase", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ] + fuzzTargets
)
