import Foundation
import Studies

extension FillInSheet {
    /// The fill-in sheet as a workbook: the rows (years as numbers, the header frozen), then a sheet of
    /// instructions in both languages.
    public static func workbook(_ rows: [Row]) -> Data {
        let sheet = XLSXWriter.Sheet(name: "fill-in", rows: [columns.map { .text($0) }] + rows.map { row in
            row.fields.enumerated().map { k, text in k == 1 ? .number(Double(row.year)) : text.isEmpty ? .empty : .text(text) }
        }, widths: [24, 7, 12, 40, 28, 36, 16, 24, 60])
        let notes = XLSXWriter.Sheet(name: "README 说明", rows: instructions.map { [.text($0)] }, widths: [140])
        return XLSXWriter.workbook([sheet, notes])
    }
}
