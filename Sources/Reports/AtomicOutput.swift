import Foundation

/// Writes a set of files so that either all of them are replaced or none is.
///
/// Each file is first written to a temporary file in its own folder; only when every one has been
/// written are they renamed into place, each previous version kept aside until all have been swapped and
/// put back if one fails, so a failed run leaves the previous outputs whole.
public struct AtomicOutput {
    public let folder: URL
    /// The files added, in order.
    public private(set) var files: [(name: String, data: Data)] = []

    public init(folder: URL) { self.folder = folder }

    /// Adds a file (a path relative to the folder, e.g. `charts/gdp.svg`).
    public mutating func add(_ name: String, text: String) { files.append((name, Data(text.utf8))) }
    public mutating func add(_ name: String, data: Data) { files.append((name, data)) }

    /// Names of the files added, in order.
    public var names: [String] { files.map(\.name) }

    /// Writes every file, then renames them all into place.
    /// - Throws: `OutputError` naming the path that could not be written; no final file is touched then.
    public func commit() throws(OutputError) {
        let fm = FileManager.default
        var written: [(temporary: URL, final: URL)] = []
        func cleanUp() { for w in written { try? fm.removeItem(at: w.temporary) } }
        for file in files {
            let final = folder.appendingPathComponent(file.name)
            let directory = final.deletingLastPathComponent()
            do {
                try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                cleanUp()
                throw OutputError(path: directory.path, reason: "cannot create the folder (\(Self.reason(error)))")
            }
            let temporary = directory.appendingPathComponent(".\(final.lastPathComponent).tmp-\(getpid())")
            guard fm.createFile(atPath: temporary.path, contents: file.data) else {
                cleanUp()
                throw OutputError(path: final.path, reason: "cannot write in \(directory.path) (permission denied or read-only)")
            }
            written.append((temporary, final))
        }
        // A folder where a file should go is never moved aside: fail before touching anything.
        for w in written {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: w.final.path, isDirectory: &isDirectory), isDirectory.boolValue {
                cleanUp()
                throw OutputError(path: w.final.path, reason: "a folder is in the way of the file")
            }
        }
        // Swap each file in, keeping the previous version aside until every swap has succeeded.
        var swapped: [(final: URL, backup: URL?)] = []
        func rollBack() {
            for s in swapped.reversed() {
                if let backup = s.backup { _ = rename(backup.path, s.final.path) } else { try? fm.removeItem(at: s.final) }
            }
            cleanUp()
        }
        for w in written {
            var backup: URL? = nil
            if fm.fileExists(atPath: w.final.path) {
                let aside = w.final.deletingLastPathComponent().appendingPathComponent(".\(w.final.lastPathComponent).previous-\(getpid())")
                guard rename(w.final.path, aside.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    rollBack()
                    throw OutputError(path: w.final.path, reason: "cannot replace the file (\(reason))")
                }
                backup = aside
            }
            guard rename(w.temporary.path, w.final.path) == 0 else {
                let reason = String(cString: strerror(errno))
                if let backup { _ = rename(backup.path, w.final.path) }
                rollBack()
                throw OutputError(path: w.final.path, reason: "cannot replace the file (\(reason))")
            }
            swapped.append((w.final, backup))
        }
        for s in swapped { if let backup = s.backup { try? fm.removeItem(at: backup) } }
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// An output file or folder that could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "Cannot write \(path): \(reason)." }
}
