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
        let data: Data
        let name: String
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
            name = standardInputName
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw DataFileError(path: path, diagnostics: [Diagnostic(.error, "no readable file at \(path)", file: path, line: nil, field: "")])
            }
            data = contents
            name = path
        }
        return try read(data: data, name: name, sheet: sheet)
    }

    /// Reads table bytes; a zip archive is read as a workbook, anything else as text.
    public static func read(data: Data, name: String, sheet: String? = nil) throws(DataFileError) -> Loaded {
        if XLSXReader.looksLikeZip(data) {
            do throws(XLSXReader.Failure) {
                let (sheetName, table) = try XLSXReader.read(data, sheet: sheet)
                return Loaded(name: "\(name)[\(sheetName)]", table: table)
            } catch {
                throw DataFileError(path: name, diagnostics: [Diagnostic(.error, error.message, file: name, line: nil, field: "")])
            }
        }
        do throws(TextEncoding.Failure) {
            let decoded = try TextEncoding.decode(data)
            var table = CSVReader.read(utf8: decoded.utf8)
            table.format = "\(decoded.encoding.rawValue), \(table.format)"
            return Loaded(name: name, table: table)
        } catch {
            throw DataFileError(path: name, diagnostics: [Diagnostic(.error, error.description, file: name, line: error.line, field: "")])
        }
    }
}
