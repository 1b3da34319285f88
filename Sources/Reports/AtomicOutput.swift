import Foundation

/// Writes a set of files so that either all of them are replaced or none is.
///
/// Each file is first written to a temporary file in its own folder; only when every one has been
/// written are they renamed into place, so a failed run leaves the previous outputs whole.
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
        for w in written {
            if rename(w.temporary.path, w.final.path) != 0 {
                let reason = String(cString: strerror(errno))
                cleanUp()
                throw OutputError(path: w.final.path, reason: "cannot replace the file (\(reason))")
            }
        }
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
