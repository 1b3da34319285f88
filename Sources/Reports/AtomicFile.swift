import Foundation

/// One file replaced whole: written beside its final name as `.NAME.pathways-tmp-PID-K`, flushed to the
/// disk, then renamed over it, so the file is the old one or the new one whenever it is read or the run
/// is stopped. A symbolic link at the name is replaced, never followed; temporary files that killed runs
/// left beside it are removed.
public enum AtomicFile {
    /// Writes `data` at `url`, creating its folder if needed.
    /// - Throws: `OutputError` naming the path and the system's reason.
    public static func write(_ data: Data, to url: URL) throws(OutputError) {
        let path = url.standardizedFileURL.path
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard !name.isEmpty, name != "/", !url.path.hasSuffix("/") else {
            throw OutputError(path: url.path, reason: "a file name is needed, not a folder")
        }
        try OutputFiles.makeFolders(folder)
        if OutputFiles.kind(path) == .folder { throw OutputError(path: path, reason: "a folder is in the way of the file") }
        let prefix = ".\(name).pathways-tmp-"
        for entry in OutputFiles.names(in: folder) where entry.hasPrefix(prefix) {
            if let process = pid_t(entry.dropFirst(prefix.count).split(separator: "-").first ?? ""), Place.isGone(process) {
                unlink(folder + "/" + entry)
            }
        }
        let temporary = folder + "/" + prefix + "\(getpid())-\(counter.next())"
        let token = Interruption.shared.register {
            unlink(temporary)
            return nil
        }
        defer { Interruption.shared.unregister(token) }
        try Interruption.shared.critical { () throws(OutputError) in
            try OutputFiles.write(data, to: temporary, shown: path)
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw OutputError(path: path, reason: OutputFiles.reason(code))
            }
            OutputFiles.syncFolder(folder)
        }
    }

    private static let counter = Counter()
}
