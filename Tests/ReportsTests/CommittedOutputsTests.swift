import Foundation
import Testing
@testable import Reports

/// The outputs of the bundled study committed under `Notebooks-out/linhai-2025/` must be what a fresh
/// `pathways run` writes, byte for byte. After a change that moves them on purpose, regenerate with
/// `make golden` and commit the result in a commit of its own saying why; a failure prints the whole diff.
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

    /// A unified diff of two texts (lines; the common head and tail trimmed, the middle aligned by longest common
    /// subsequence when it is small enough, else shown whole), for the failure message.
    static func diff(_ a: Data, _ b: Data, name: String, limit: Int = 400) -> String {
        let x = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var head = 0
        while head < x.count, head < y.count, x[head] == y[head] { head += 1 }
        var tail = 0
        while tail < x.count - head, tail < y.count - head, x[x.count - 1 - tail] == y[y.count - 1 - tail] { tail += 1 }
        let old = Array(x[head..<(x.count - tail)]), new = Array(y[head..<(y.count - tail)])
        var lines = ["--- committed/\(name)", "+++ fresh/\(name)", "@@ -\(head + 1),\(old.count) +\(head + 1),\(new.count) @@"]
        if old.count * new.count <= 4_000_000 {
            // LCS table, then walk it.
            var table = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
            for i in stride(from: old.count - 1, through: 0, by: -1) {
                for j in stride(from: new.count - 1, through: 0, by: -1) {
                    table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < old.count || j < new.count {
                if i < old.count, j < new.count, old[i] == new[j] { lines.append(" " + old[i]); i += 1; j += 1 }
                else if j < new.count, i == old.count || table[i][j + 1] >= table[i + 1][j] { lines.append("+" + new[j]); j += 1 }
                else { lines.append("-" + old[i]); i += 1 }
            }
        } else {
            lines += old.map { "-" + $0 } + new.map { "+" + $0 }
        }
        if lines.count > limit { lines = Array(lines.prefix(limit)) + ["… \(lines.count - limit) more lines"] }
        return lines.map { String($0.prefix(400)) }.joined(separator: "\n")
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
            #expect(old == new, "\(name) differs from a fresh run; if the change is meant, regenerate with `make golden` and commit the outputs apart:\n\(Self.diff(old, new, name: name))")
        }
    }

}
