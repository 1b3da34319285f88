#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif
import Common
import Foundation

/// A table file as people have it: CSV or tab-separated text in any of the `TextEncoding`s, or a sheet of
/// an `.xlsx` workbook; `-` is standard input. Every table reader of the project starts here.
public enum TableFile {
    /// The name diagnostics give standard input.
    public static let standardInputName = "<stdin>"

    /// A table and where it came from.
    public struct Loaded: Sendable {
        /// The name diagnostics use: the path as given, `book.xlsx[Sheet1]` for a sheet, `<stdin>`.
        public var name: String
        public var table: CSVTable
        /// `UTF-8, comma-separated`; `GB18030, comma-separated`; `sheet '数据' of an .xlsx workbook`.
        public var format: String { table.format }
    }

    /// Reads the file at `path` (`-`: standard input).
    /// - Parameter sheet: for a workbook, the sheet to read (default: the first); ignored for text.
    /// - Throws: `DataFileError` when the file cannot be read, is in no known encoding, or is a broken workbook.
    public static func read(path: String, sheet: String? = nil) throws(DataFileError) -> Loaded {
        let name = path == "-" ? standardInputName : path
        guard let bytes = contents(path == "-" ? nil : path) else {
            throw DataFileError(path: path, diagnostics: [Diagnostic(.error, "no readable file at \(path)", file: path, line: nil, field: "")])
        }
        return try read(bytes: bytes, name: name, sheet: sheet)
    }

    /// Reads table bytes; a zip archive is read as a workbook, anything else as text.
    public static func read(data: Data, name: String, sheet: String? = nil) throws(DataFileError) -> Loaded {
        try read(bytes: [UInt8](data), name: name, sheet: sheet)
    }

    /// `read(data:name:sheet:)` of bytes it may keep: text in UTF-8 is read where it is, without a copy.
    public static func read(bytes: consuming [UInt8], name: String, sheet: String? = nil) throws(DataFileError) -> Loaded {
        if bytes.starts(with: XLSXReader.zipSignature) {
            do throws(XLSXReader.Failure) {
                let (sheetName, table) = try XLSXReader.read(Data(bytes), sheet: sheet)
                return Loaded(name: "\(name)[\(sheetName)]", table: table)
            } catch {
                throw DataFileError(path: name, diagnostics: [Diagnostic(.error, error.message, file: name, line: nil, field: "")])
            }
        }
        do throws(TextEncoding.Failure) {
            let decoded = try TextEncoding.decode(bytes: bytes)
            var table = CSVReader.read(utf8: decoded.utf8)
            table.format = "\(decoded.encoding.rawValue), \(table.format)"
            return Loaded(name: name, table: table)
        } catch {
            throw DataFileError(path: name, diagnostics: [Diagnostic(.error, error.description, file: name, line: error.line, field: "")])
        }
    }

    /// The bytes of the file at `path` (nil: standard input), read straight into one array; nil when it cannot
    /// be opened or read (a folder, a missing file).
    static func contents(_ path: String?) -> [UInt8]? {
        let descriptor = path.map { open($0, O_RDONLY) } ?? STDIN_FILENO
        guard descriptor >= 0 else { return nil }
        defer { if path != nil { close(descriptor) } }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else { return nil }
        // A regular file's size is known: it is read in parallel pieces (see ``readInPieces(_:size:)``), then on to
        // its end in case it grew (or whole, when a piece could not be read). A pipe is read in blocks until its end.
        let regular = (status.st_mode & S_IFMT) == S_IFREG, size = regular ? Int(status.st_size) : 0
        var bytes = (regular ? readInPieces(descriptor, size: size) : nil) ?? []
        var filled = bytes.count
        if filled > 0, lseek(descriptor, off_t(filled), SEEK_SET) < 0 { return nil }
        bytes.append(contentsOf: repeatElement(0, count: regular ? size + 1 - filled : 1 << 16))
        while true {
            if filled == bytes.count { bytes += [UInt8](repeating: 0, count: bytes.count) }
            let got = bytes.withUnsafeMutableBufferPointer { systemRead(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0 { if errno == EINTR { continue } else { return nil } }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// The first `size` bytes of a regular file, read in pieces on all cores straight into the array (the copy
    /// out of the page cache and the page faults of fresh memory are spread over the cores), with room for one
    /// more byte; nil when a piece cannot be read whole (the file shrank, say).
    private static func readInPieces(_ descriptor: Int32, size: Int) -> [UInt8]? {
        let piece = 1 << 22
        var whole = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            let out = DisjointWrites(buffer)
            let read = Parallel.map((size + piece - 1) / piece) { k -> Bool in
                var at = k * piece
                let end = min(size, at + piece)
                while at < end {
                    let got = pread(descriptor, out.baseAddress! + at, end - at, off_t(at))
                    if got < 0 && errno == EINTR { continue }
                    if got <= 0 { return false }
                    at += got
                }
                return true
            }
            whole = read.allSatisfy { $0 }
            // Uninitialized bytes must not be handed out: a failed read gives an empty array.
            count = whole ? size : 0
        }
        return whole ? bytes : nil
    }
}
