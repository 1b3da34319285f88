import Foundation
import Testing
@testable import Reports

/// The outputs of the bundled study committed under `Notebooks-out/linhai-2025/` must be what a fresh
/// `pathways run` writes, byte for byte. After a change that moves them, regenerate with
/// `swift run pathways run` and commit the result.
@Suite("Committed outputs")
struct CommittedOutputsTests {
    /// Every file under `folder`, by path relative to it.
    static func files(under folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base), let data = FileManager.default.contents(atPath: path) else { continue }
            result[String(path.dropFirst(base.count))] = data
        }
        return result
    }

    /// The first line where two texts differ, for the failure message.
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let x = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let y = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for k in 0..<max(x.count, y.count) {
            let l = k < x.count ? String(x[k]) : "<end of file>", r = k < y.count ? String(y[k]) : "<end of file>"
            if l != r { return "line \(k + 1):\n- committed: \(l.prefix(300))\n+ fresh:     \(r.prefix(300))" }
        }
        return "same lines, different bytes"
    }

    @Test("a fresh run of the bundled study writes exactly the committed files")
    func freshRunEqualsCommitted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathways-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var output = AtomicOutput(folder: folder)
        RunReport.add(ReportsFixture.linhai, to: &output)
        try output.commit()
        let fresh = Self.files(under: folder)
        let committed = Self.files(under: ReportsFixture.committedOutputs)
        #expect(!committed.isEmpty, "nothing committed under \(ReportsFixture.committedOutputs.path)")
        #expect(Set(fresh.keys) == Set(committed.keys),
                "only committed: \(Set(committed.keys).subtracting(fresh.keys).sorted()); only fresh: \(Set(fresh.keys).subtracting(committed.keys).sorted())")
        for name in fresh.keys.sorted() {
            guard let old = committed[name], let new = fresh[name] else { continue }
            #expect(old == new, "\(name) differs from a fresh run (regenerate with `swift run pathways run`): \(Self.firstDifference(old, new))")
        }
    }

    @Test("the same run gives the same bytes twice")
    func deterministic() {
        #expect(ReportsFixture.outputs(ReportsFixture.linhai) == ReportsFixture.outputs(ReportsFixture.linhai))
    }
}
