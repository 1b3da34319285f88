// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Pathways",
    // Built and tested on Linux (Debian, reference LAPACK through liblapack-dev). On macOS the code needs 15 (Mutex) and
    // a LAPACK with the gfortran calling convention found by pkg-config (not Accelerate); untested there.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LeastSquares", targets: ["LeastSquares"]),
        .library(name: "Trends", targets: ["Trends"]),
        .executable(name: "pathways", targets: ["pathways"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // The zip container of .xlsx workbooks (reading and writing); pinned: the reader depends on its API.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // MARK: - System library
        .systemLibrary(
            name: "CLAPACK",
            path: "Sources/CLAPACK",
            pkgConfig: "lapack",
            providers: [.apt(["liblapack-dev"])]
        ),

        // MARK: - Libraries
        .target(name: "Common"),
        .target(name: "LeastSquares", dependencies: ["Common", "CLAPACK"]),
        .target(name: "CTrendKernel", linkerSettings: [.linkedLibrary("m")]),
        .target(name: "Trends", dependencies: ["Common", "LeastSquares", "CTrendKernel"]),
        .target(name: "Simulation", dependencies: ["Common", "LeastSquares", "Trends", "Studies"]),
        .target(
            name: "Reports",
            dependencies: ["Common", "LeastSquares", "Trends", "Studies", "Simulation", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "Studies",
            dependencies: ["Common", .product(name: "Yams", package: "Yams"), .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),

        // MARK: - Command line
        .executableTarget(
            name: "pathways",
            dependencies: [
                "Common",
                "LeastSquares",
                "Trends",
                "Studies",
                "Simulation",
                "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "pathways-bench",
            dependencies: ["LeastSquares", "Trends", "Simulation"],
            path: "Benchmarks/pathways-bench"
        ),

        // MARK: - Tests
        .target(name: "_TestSupport", path: "Tests/_TestSupport"),
        .testTarget(
            name: "LeastSquaresTests",
            dependencies: ["_TestSupport", "Common", "LeastSquares"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TrendsTests",
            dependencies: ["_TestSupport", "Common", "Trends"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SimulationTests",
            dependencies: ["_TestSupport", "Simulation"]
        ),
        .testTarget(
            name: "CommonTests",
            dependencies: ["Common"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Common", "Reports", "Simulation", "Studies"]
        ),
        // Depends on the executable so `swift test` builds the binary it runs (never a stale one).
        .testTarget(name: "EndToEndTests", dependencies: ["Common", "pathways"]),
        .testTarget(
            name: "StudiesTests",
            dependencies: ["Common", "Studies", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
    ]
)
