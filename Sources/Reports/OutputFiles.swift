import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls of an output commit: each failure carries the path and the system's own reason
/// (a full disk is named as such), and none follows a symbolic link.
enum OutputFiles {
    /// What stands at a path, without following a link.
    enum Kind: Equatable { case missing, file, folder, link, other }

    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The names in a folder (no `.` or `..`), sorted; empty when it cannot be read.
    static func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// Creates `path` and its missing parents.
    /// - Throws: `OutputError` naming the first folder that could not be made (a file in the way, no permission).
    static func makeFolders(_ path: String) throws(OutputError) {
        switch kind(path) {
        case .folder: return
        case .missing: break
        case .link:
            // A link to a folder in a parent path (macOS's /tmp, a mounted disk) is the user's own choice.
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return }
            throw OutputError(path: path, reason: "cannot create the folder (a broken symbolic link is in the way)")
        case .file, .other:
            throw OutputError(path: path, reason: "cannot create the folder (a file is in the way)")
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeFolders(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw OutputError(path: path, reason: "cannot create the folder (\(reason(errno)))")
        }
    }

    /// Writes `data` to a new file at `path` (which must not exist) and flushes it to the disk.
    /// - Parameter shown: the path named in an error (the final name rather than the temporary one).
    static func write(_ data: Data, to path: String, shown: String) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: shown, reason: reason(errno)) }
        var failure = writeAll(data, to: fd)
        if failure == 0, fsync(fd) != 0, errno != EINVAL { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw OutputError(path: shown, reason: reason(failure))
        }
    }

    /// Writes all of `data` to an open file, going on after partial writes and interruptions.
    /// - Returns: 0, or the `errno` of the write that failed (`ENOSPC` when the disk is full).
    static func writeAll(_ data: Data, to fd: Int32) -> Int32 {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int32 in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return 0
        }
    }

    /// Flushes a folder's entries to the disk; a folder that cannot be opened is left to the system.
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Removes `path` and, for a folder, everything in it; a link is removed, never followed.
    static func removeTree(_ path: String) {
        switch kind(path) {
        case .missing: return
        case .folder:
            for name in names(in: path) { removeTree(path + "/" + name) }
            rmdir(path)
        default:
            unlink(path)
        }
    }

    /// Renames `from` to `to`.
    static func rename(_ from: String, _ to: String, shown: String) throws(OutputError) {
        guard Foundation.rename(from, to) == 0 else {
            throw OutputError(path: shown, reason: "cannot move the folder into place (\(reason(errno)))")
        }
    }

    /// A file of a folder being replaced that is carried into the new one: a hard link (the same bytes,
    /// not copied), a copy where links are not allowed, a link recreated as it was (never followed).
    static func carry(_ source: String, to destination: String, shown: String) throws(OutputError) {
        switch kind(source) {
        case .link:
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(source, &buffer, buffer.count - 1)
            guard n >= 0 else { throw OutputError(path: shown, reason: "cannot keep the link (\(reason(errno)))") }
            buffer[n] = 0
            guard symlink(buffer, destination) == 0 else { throw OutputError(path: shown, reason: "cannot keep the link (\(reason(errno)))") }
        case .file:
            if link(source, destination) == 0 { return }
            guard let data = FileManager.default.contents(atPath: source) else {
                throw OutputError(path: shown, reason: "cannot keep the file (it cannot be read)")
            }
            try write(data, to: destination, shown: shown)
        default:
            throw OutputError(path: shown, reason: "cannot keep it: it is neither a file, a folder nor a link")
        }
    }

    /// Swaps two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`, macOS `renamex_np(RENAME_SWAP)`).
    /// - Returns: 0, an `errno`, or nil when neither the system nor the file system offers the swap.
    static func exchange(_ a: String, _ b: String) -> Int32? {
        #if canImport(Darwin)
        if renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 { return 0 }
        return errno == ENOTSUP || errno == EINVAL ? nil : errno
        #else
        guard let renameat2 = Self.renameat2 else { return nil }
        let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE, <linux/fs.h>
        if renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 { return 0 }
        return errno == EINVAL || errno == ENOSYS ? nil : errno
        #endif
    }

    #if !canImport(Darwin)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    /// glibc's `renameat2` (2.28 and later); Swift's Glibc module does not declare it.
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    #endif

    /// The system's reason for `code`, in words a person acts on.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full (no space left on device)"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the file system is read-only"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a file is in the way of a folder"
        case EISDIR: return "a folder is in the way of the file"
        case ENAMETOOLONG: return "the name is too long"
        case EEXIST: return "something already stands there"
        default: return String(cString: strerror(code))
        }
    }
}

/// An output file or folder that could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "Cannot write \(path): \(reason)." }
}
