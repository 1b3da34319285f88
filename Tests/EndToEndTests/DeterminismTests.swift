import Foundation
import Testing

/// The same inputs and seed give the same bytes in separate processes: each process hashes with its own random
/// seed, so anything that leaked Dictionary or Set order into an output would show here, and the number of
/// threads must not matter either.
@Suite("determinism across processes")
struct DeterminismTests {
    static func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            result[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return result
    }

    @Test("pathways run twice, with 1 and 3 threads, writes identical files")
    func runTwice() throws {
        let folder = try PathwaysTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [[String: Data]] = []
        for (name, threads) in [("one", 1), ("three", 3)] {
            let out = folder.appendingPathComponent(name)
            let result = try PathwaysTool.run(["run", "Scenarios/linhai-2025", "--out", out.path, "--paths", "3000", "--threads", "\(threads)", "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Self.files(out))
        }
        #expect(outputs[0].count >= 10)
        #expect(Set(outputs[0].keys) == Set(outputs[1].keys))
        for (name, data) in outputs[0] { #expect(outputs[1][name] == data, "\(name) differs between the two processes") }
    }
}
