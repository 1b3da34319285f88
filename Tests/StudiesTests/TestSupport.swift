import Foundation
@testable import Studies

/// Where the test data lives.
enum TestPaths {
    /// A small study under `Fixtures/`.
    static func fixture(_ name: String) -> URL {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("the Fixtures resource folder is missing from the test bundle")
        }
        return root.appendingPathComponent(name)
    }

    /// The repository's bundled studies: this file is `Tests/StudiesTests/TestSupport.swift`, so the
    /// repository root is two folders up.
    static let scenarios: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios")

    /// Every folder under `Scenarios/` that holds a `study.yaml`.
    static var bundledStudies: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scenarios.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: scenarios.appendingPathComponent($0).appendingPathComponent("study.yaml").path)
        }.sorted()
    }

    static func bundled(_ name: String) -> URL { scenarios.appendingPathComponent(name) }
}

extension StudyValidation {
    /// The diagnostics as `file:line: field: message` lines.
    var lines: [String] { diagnostics.map(\.description) }
}
