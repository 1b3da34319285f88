import Common
import Foundation
import Trends
import Studies

/// Text, CSV and JSON for `pathways trend`.
public enum TrendText {
    public static let csvColumns = ["indicator", "year", "family", "mean", "lo80", "hi80", "lo95", "hi95"]

    /// The fits side by side, then the forecast table, for each series. Columns are as wide as their widest
    /// cell in terminal columns (CJK characters count two), so every row of a table has the same width.
    public static func table(_ outcomes: [TrendOutcome]) -> String {
        var out = ""
        for o in outcomes {
            let years = o.fits.first.map { "\($0.observationCount) points, \($0.years.first!)–\($0.years.last!)" } ?? "no fit"
            out += "\(o.seriesID) (\(years))\n"
            var rows = [["family", "parameters (t = year − last year)", "growth", "AICc", "CV sMAPE", "CV MASE"]]
            for fit in o.fits + (o.chosen.map { $0.family == .combination ? [$0] : [] } ?? []) {
                let marker = fit.family == o.chosen?.family ? "*" : " "
                var params = zip(fit.parameterNames, fit.parameters).map { "\($0)=\(NumberText.scientific($1, digits: 5))" }.joined(separator: " ")
                if let cap = fit.cap { params += " cap=\(NumberText.scientific(cap, digits: 5))" }
                if let phi = fit.dampingFactor { params += " φ=\(NumberText.scientific(phi, digits: 3))" }
                if fit.family.hasChosenScale, fit.transform != .identity { params += " (\(fit.transform) scale)" }
                let accuracy = o.accuracy[fit.family]
                rows.append([marker + fit.family.name, params, NumberText.percent(fit.growthRate, decimals: 2),
                             NumberText.fixed(fit.aicc, decimals: 2), NumberText.fixed(accuracy?.smape, decimals: 2),
                             NumberText.fixed(accuracy?.mase, decimals: 3)])
            }
            out += aligned(rows, leftColumns: 2)
            out += "  chosen: \(o.chosen?.family.name ?? "none") — \(o.reason)\n"
            if let f = o.forecast {
                let median = f.distributions != nil && o.chosen?.transform != .identity
                var rows = [["year", median ? "median" : "mean", "lo80", "hi80", "lo95", "hi95"]]
                let i80 = f.intervals(level: 0.8), i95 = f.intervals(level: 0.95)
                for (k, year) in f.years.enumerated() {
                    rows.append([String(year), NumberText.scientific(f.point[k], digits: 6),
                                 NumberText.scientific(i80?[k].lower ?? .nan, digits: 6), NumberText.scientific(i80?[k].upper ?? .nan, digits: 6),
                                 NumberText.scientific(i95?[k].lower ?? .nan, digits: 6), NumberText.scientific(i95?[k].upper ?? .nan, digits: 6)])
                }
                out += aligned(rows, leftColumns: 0)
            }
            out += "\n"
        }
        return out
    }

    /// Rows indented by two spaces, columns separated by two and padded to their widest cell's display width:
    /// the first `leftColumns` left-aligned, the others right-aligned.
    static func aligned(_ rows: [[String]], leftColumns: Int) -> String {
        let count = rows.map(\.count).max() ?? 0
        let widths = (0..<count).map { j in rows.map { j < $0.count ? TerminalText.displayWidth($0[j]) : 0 }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { j, cell in
                j < leftColumns ? TerminalText.pad(cell, to: widths[j]) : TerminalText.padLeft(cell, to: widths[j])
            }.joined(separator: "  ") + "\n"
        }.joined()
    }

    /// One row per series and future year: `indicator,year,family,mean,lo80,hi80,lo95,hi95`.
    public static func csv(_ outcomes: [TrendOutcome]) -> CSVTableWriter {
        var table = CSVTableWriter(header: csvColumns)
        for o in outcomes {
            guard let f = o.forecast else { continue }
            let i80 = f.intervals(level: 0.8), i95 = f.intervals(level: 0.95)
            for (k, year) in f.years.enumerated() {
                table.append([o.seriesID, String(year), f.family.name, NumberText.csv(f.point[k]),
                              NumberText.csv(i80?[k].lower), NumberText.csv(i80?[k].upper),
                              NumberText.csv(i95?[k].lower), NumberText.csv(i95?[k].upper)])
            }
        }
        return table
    }

    /// The rows of ``csv(_:)`` for forecasts given as columns (every series forecast for the same years), written to
    /// `output` a block at a time: the same bytes as `csv(outcomes).text()` for the same forecasts, without a
    /// string per cell or a row object per line. Blocks of series are formatted in parallel and written in order.
    /// A series with an error has no rows, as one without a forecast.
    public static func writeCSV(_ columns: TrendColumns, to output: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var header = Array((csvColumns.joined(separator: ",") + "\n").utf8)
        try header.withUnsafeBytes(output)
        header = []
        let m = columns.seriesIDs.count, h = columns.forecastYears.count
        let ids = columns.seriesIDs
        let family = Array(CSVTableWriter.quoted(columns.family.name).utf8)
        // ",year,family," of each forecast year, one after another: year t's at `middleStarts[t]..<middleStarts[t + 1]`.
        let middleTexts = columns.forecastYears.map { year -> [UInt8] in
            var b: [UInt8] = [UInt8(ascii: ",")]
            NumberText.appendCSV(year, to: &b)
            b.append(UInt8(ascii: ","))
            b += family
            b.append(UInt8(ascii: ","))
            return b
        }
        let middles = middleTexts.flatMap { $0 }, middleStarts = middleTexts.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        // The numbers of a row in order: the point, then each level's lower and upper bound.
        let cells = [columns.point] + columns.levels.indices.flatMap { [columns.lower[$0], columns.upper[$0]] }
        let failed = Set(columns.errors.keys)
        let blockSize = 2048, blocks = (m + blockSize - 1) / blockSize
        let wave = 4 * Parallel.processorCount
        // The most bytes a row takes past its id: the longest ",year,family,", each number at its longest, separators.
        let rowTail = ((0..<h).map { middleStarts[$0 + 1] - middleStarts[$0] }.max() ?? 0) + cells.count * (NumberText.longestCSV + 1)
        // One buffer per block of a wave, kept from wave to wave (fresh large buffers cost page faults).
        var buffers = [TextBuffer](repeating: TextBuffer(), count: min(wave, max(1, blocks)))
        defer { for buffer in buffers { buffer.deallocate() } }
        try ReadOnlyShare.withAll(cells.map(\.storage)) { cells in
            for first in stride(from: 0, to: blocks, by: wave) {
                let count = min(wave, blocks - first)
                buffers.withUnsafeMutableBufferPointer { buffers in
                    let texts = DisjointWrites(buffers)
                    Parallel.forEach(count) { k in
                        // Each worker writes its block's text by address, from copies of what every worker reads:
                        // nothing shared is written or retained per row.
                        let cells = cells, middles = middles, middleStarts = middleStarts
                        let rows = ((first + k) * blockSize)..<min(m, (first + k + 1) * blockSize)
                        texts.modify(k) { text in
                            // An id quoted is at most twice its bytes and two quotes.
                            text.reserve(rows.reduce(0) { $0 + h * (2 * ids[$1].utf8.count + 2 + rowTail) })
                            var p = text.start!
                            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                                if let base = bytes.baseAddress { p.update(from: base, count: bytes.count) }
                                p += bytes.count
                            }
                            middles.withUnsafeBufferPointer { middles in
                                for s in rows where failed.isEmpty || !failed.contains(s) {
                                    var id = CSVTableWriter.quoted(ids[s])
                                    id.withUTF8 { id in
                                        for t in 0..<h {
                                            put(id)
                                            put(UnsafeBufferPointer(rebasing: middles[middleStarts[t]..<middleStarts[t + 1]]))
                                            for (c, column) in cells.enumerated() {
                                                if c > 0 { p.pointee = UInt8(ascii: ","); p += 1 }
                                                p += NumberText.writeCSV(column.buffer[t * m + s], to: p)
                                            }
                                            p.pointee = 0x0A
                                            p += 1
                                        }
                                    }
                                }
                            }
                            text.count = p - text.start!
                        }
                    }
                }
                for k in 0..<count { try output(UnsafeRawBufferPointer(start: buffers[k].start, count: buffers[k].count)) }
            }
        }
    }

    /// A block's text in memory of its own, written by address and kept from block to block.
    private struct TextBuffer {
        private(set) var start: UnsafeMutablePointer<UInt8>? = nil
        private var capacity = 0
        var count = 0

        /// Room for at least `bytes` bytes (the text written so far is dropped).
        mutating func reserve(_ bytes: Int) {
            count = 0
            guard bytes > capacity || start == nil else { return }
            start?.deallocate()
            capacity = max(bytes, 1)
            start = .allocate(capacity: capacity)
        }

        func deallocate() { start?.deallocate() }
    }

    /// The JSON of `pathways trend`: per series, the method chosen and why, every fit's parameters and
    /// standard errors (null where there is none), and the forecast rows of the CSV.
    struct JSONDocument: Encodable {
        struct Fit: Encodable {
            let family: String
            let parameterNames: [String]
            let parameters: [Double]
            let standardErrors: [Double?]
            let aicc: Double?
            let growthRate: Double?
            let origin: Int
            let scale: String
            let cap: Double?
            let dampingFactor: Double?
        }
        struct Row: Encodable {
            let year: Int
            let family: String
            let mean: Double?
            let lo80, hi80, lo95, hi95: Double?
        }
        struct Series: Encodable {
            let indicator: String
            let chosen: String?
            let reason: String
            let fits: [Fit]
            let forecast: [Row]
        }
        let series: [Series]
    }

    /// The CSV rows plus each fit's parameters and standard errors, as JSON (`Codable`; non-finite numbers are null).
    public static func json(_ outcomes: [TrendOutcome]) -> String {
        func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
        let document = JSONDocument(series: outcomes.map { o in
            let fits = o.fits.map { fit in
                JSONDocument.Fit(family: fit.family.name, parameterNames: fit.parameterNames, parameters: fit.parameters,
                                 standardErrors: fit.standardErrors.map(finite), aicc: finite(fit.aicc), growthRate: finite(fit.growthRate),
                                 origin: fit.origin, scale: fit.transform.description, cap: finite(fit.cap), dampingFactor: finite(fit.dampingFactor))
            }
            var rows: [JSONDocument.Row] = []
            if let f = o.forecast {
                let i80 = f.intervals(level: 0.8), i95 = f.intervals(level: 0.95)
                for (k, year) in f.years.enumerated() {
                    rows.append(.init(year: year, family: f.family.name, mean: finite(f.point[k]), lo80: finite(i80?[k].lower),
                                      hi80: finite(i80?[k].upper), lo95: finite(i95?[k].lower), hi95: finite(i95?[k].upper)))
                }
            }
            return JSONDocument.Series(indicator: o.seriesID, chosen: o.chosen?.family.name, reason: o.reason, fits: fits, forecast: rows)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
    }
}
