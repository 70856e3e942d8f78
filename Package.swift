// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MedSynQ",
    products: [
        .executable(name: "medsynq", targets: ["medsynq"]),
    ],
    targets: [
        // C libraries from Debian, one system-library target each.
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CMicroHTTPD", pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(
            name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(
            name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),

        // Fixed-argument wrappers for libmicrohttpd's variadic functions.
        .target(name: "MicroHTTPDShim", dependencies: ["CMicroHTTPD"]),

        // A fixed-argument wrapper for SQLite's variadic sqlite3_db_config.
        .target(name: "SQLiteShim", dependencies: ["CSQLite"]),

        // Generic layers: they know nothing of tenants.
        .target(name: "SQLite", dependencies: ["CSQLite", "SQLiteShim"]),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", "MicroHTTPDShim"]),

        // The product.
        .target(
            name: "MedSynQ",
            dependencies: ["SQLite", "HTTPServer", "CSodium", "CArchive", "CZlib"],
            resources: [.embedInCode("Assets/logo.png"), .embedInCode("Assets/favicon.png"),
                        .embedInCode("Assets/styles.css")]),
        .executableTarget(name: "medsynq", dependencies: ["MedSynQ"]),

        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "TestSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(
            name: "MedSynQTests", dependencies: ["MedSynQ", "SQLite", "HTTPServer", "TestSupport"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ]
)
