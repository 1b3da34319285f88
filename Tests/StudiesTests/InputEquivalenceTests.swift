import Foundation
import Testing
@testable import Studies

/// The byte-level CSV reader and the series reader against the readers they replaced (`ReferenceReaders.swift`),
/// on thousands of seeded random tables full of what people type: quotes, doubled quotes and line breaks inside
/// quotes, stray quotes, CR and CRLF line ends, blank lines, a byte-order mark, Chinese and full-width text,
/// spaces around cells, thousands separators, percent signs, missing marks, bad numbers and years, short and
/// long rows, duplicate years. Records, problems, series and every diagnostic must be the same.
@Suite("the byte-level readers read what the string readers read")
struct InputEquivalenceTests {
    struct Mix {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }
    }

    static let numbers = ["12.5", "3", "1,234.5", "65.3%", " 7.25 ", "１２３．５", "-", "…", "", "abc", "1,5", "0x10", "1e400", "−4.5",
                          "2.5e3", "nan", "\"1,200\"", "\"say \"\"hi\"\"\"", "4\"2", "1e-300", "12.5 ", "\u{3000}8"]
    static let years = ["2019", "2020", "2021年", "２０２２", "2019.0", "20x9", "1800", "", " 2023 ", "2024"]
    static let indicators = ["gdp", "城镇化率", " gdp ", "", "\"a,b\"", "income", "ｇｄｐ", "gdp\u{3000}", "\"two\nlines\""]
    static let regions = ["杭州", "宁波", " 杭州", ""]

    /// A random table as text; without `quotes`, no cell holds a quote (so its rows are read in pieces, on all
    /// cores) and there are more rows.
    static func table(_ mix: inout Mix, quotes: Bool = true) -> String {
        // Long tables without quotes are mostly well formed (one bad cell in 400), so that many read.
        let bad = quotes ? 1 : 400
        func pick(_ all: [String], _ good: [String]) -> String { mix.next(bad) == 0 ? mix.pick(all.filter { quotes || !$0.contains("\"") }) : mix.pick(good) }
        let numbers = Self.numbers, indicators = Self.indicators
        let goodNumbers = ["12.5", "3", "65.3%", " 7.25 ", "１２３．５", "-", "…", "", "2.5e3", "−4.5"] + (quotes ? ["1,234.5"] : [])
        let goodYears = ["2019", "2020", "2021年", "２０２２", "2019.0", " 2023 ", "2024"], goodIndicators = ["gdp", "城镇化率", " gdp ", "income", "ｇｄｐ"]
        let rows = quotes ? 30 : 400
        let end = mix.pick(["\n", "\r\n", "\r"])
        var lines: [String] = []
        let wide = mix.next(4) == 0
        if wide {
            let yearHeaders = ["2019", "2020年", "2021", mix.pick(["2022", "２０２２", "2019", "1800"])]
            lines.append((["indicator"] + yearHeaders + (mix.next(2) == 0 ? ["source"] : [])).joined(separator: ","))
            for _ in 0..<mix.next(rows / 2) {
                var cells = [pick(indicators, goodIndicators)] + (0..<4).map { _ in pick(numbers, goodNumbers) }
                if lines[0].hasSuffix("source") { cells.append("yearbook") }
                if mix.next(8) == 0 { cells.removeLast() }
                if mix.next(10) == 0 { cells.append(mix.pick(["", "x", " "])) }
                lines.append(cells.joined(separator: ","))
            }
        } else {
            let regional = mix.next(3) == 0
            var header = ["indicator", "year", "value"] + (mix.next(2) == 0 ? ["source"] : [])
            if regional { header.insert(mix.pick(["region", "地区"]), at: mix.next(header.count + 1)) }
            if mix.next(6) == 0 { header.append(mix.pick(["note", "unknown", "valu"])) }
            if mix.next(4) == 0 { header.append(mix.pick(["qualifier", "限定"])) }
            if mix.next(15) == 0 { header.removeFirst() }
            lines.append(header.joined(separator: ","))
            for r in 0..<mix.next(rows) {
                if mix.next(12) == 0 { lines.append(""); continue }
                var cells = header.map { name -> String in
                    switch name {
                    case "indicator": return quotes ? pick(indicators, goodIndicators) : pick(indicators, ["ind\(r / 20)", "指标\(r / 20)"])
                    case "year": return quotes ? pick(years, goodYears) : pick(years, ["\(2000 + r % 20)"])
                    case "value", "valu": return pick(numbers, goodNumbers)
                    case "region", "地区": return mix.pick(regions)
                    case "qualifier", "限定": return mix.pick(["", "", ">", " >= ", "<", "approx", "~", "odd"])
                    default: return mix.pick(quotes ? ["src", "\"book, p. 3\"", ""] : ["src", "book p. 3", ""])
                    }
                }
                if mix.next(10 * bad) == 0 { cells.removeLast() }
                if mix.next(10 * bad) == 0 { cells.append(mix.pick(["", "extra"])) }
                lines.append(cells.joined(separator: ","))
            }
        }
        var text = lines.joined(separator: end) + (mix.next(3) == 0 ? "" : end)
        if quotes && mix.next(10) == 0 { text += "\"never closed,1" }
        if mix.next(8) == 0 { text = "\u{FEFF}" + text }
        return text
    }

    @Test("records and problems of 3,000 random tables")
    func records() {
        var mix = Mix(state: 1)
        for k in 0..<3000 {
            let bytes = Array(Self.table(&mix).utf8)
            let new = CSVReader.read(utf8: bytes), old = ReferenceCSVReader.read(utf8: bytes)
            if new.records != old.records || new.problems != old.problems || new.format != old.format {
                Issue.record("table \(k): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                return
            }
            #expect(new.firstRecord == old.records.first)
        }
    }

    /// The result of a series reader: the series, or every diagnostic.
    enum Outcome: Equatable {
        case series([DataFile.Series])
        case diagnostics([Diagnostic])
    }

    static func outcome(_ read: () throws(DataFileError) -> [DataFile.Series]) -> Outcome {
        do throws(DataFileError) { return .series(try read()) } catch { return .diagnostics(error.diagnostics) }
    }

    @Test("series and diagnostics of 3,000 random tables, from text and from records (a workbook's short rows); 300 long ones without quotes, read in pieces",
          arguments: [true, false])
    func series(_ quotes: Bool) throws {
        var mix = Mix(state: quotes ? 2 : 3)
        var read = 0, failed = 0, inPieces = 0
        for k in 0..<(quotes ? 3000 : 300) {
            let bytes = Array(Self.table(&mix, quotes: quotes).utf8)
            let wanted: String? = mix.pick([nil, "all", "gdp", "城镇化率"])
            let text = try #require(try? TableFile.read(bytes: bytes, name: "t.csv"))
            let reference = TableFile.Loaded(name: "t.csv", table: ReferenceCSVReader.read(utf8: bytes))
            let old = Self.outcome { () throws(DataFileError) in try ReferenceObservationReader.series(of: reference, indicator: wanted) }
            let new = Self.outcome { () throws(DataFileError) in try DataFile.series(of: text, indicator: wanted) }
            if new != old {
                Issue.record("table \(k) (\(wanted ?? "nil")): \(String(decoding: bytes, as: UTF8.self).debugDescription)\nnew: \(new)\nold: \(old)")
                return
            }
            if case .series = old { read += 1 } else { failed += 1 }
            if !quotes, case .text(let t) = text.table.storage, (t.pieces(8)?.count ?? 0) > 1 { inPieces += 1 }
            // The same records as a workbook sheet, whose rows may be short.
            var sheet = reference.table
            sheet.rowsMayBeShort = true
            let workbook = TableFile.Loaded(name: "b.xlsx[S]", table: CSVTable(records: sheet.records, problems: sheet.problems, rowsMayBeShort: true))
            let oldSheet = Self.outcome { () throws(DataFileError) in try ReferenceObservationReader.series(of: workbook, indicator: wanted) }
            let newSheet = Self.outcome { () throws(DataFileError) in try DataFile.series(of: workbook, indicator: wanted) }
            if newSheet != oldSheet {
                Issue.record("sheet \(k): \(String(decoding: bytes, as: UTF8.self).debugDescription)\nnew: \(newSheet)\nold: \(oldSheet)")
                return
            }
        }
        // Both kinds of outcome must be common for the comparison to mean something.
        #expect(read > (quotes ? 150 : 20) && failed > (quotes ? 150 : 20), "\(read) read, \(failed) failed")
        #expect(quotes || inPieces > 150, "\(inPieces) tables read in pieces")
    }

    /// A long table of series one after another, each in one run of rows with increasing years (as files usually
    /// hold them), or with one way out of that layout: a series met again later, years decreasing, a year twice
    /// (often across the cut between two pieces), missing and bad values, bounds in a qualifier column, regions,
    /// and (way 7, read for `gdp` only) long stretches of another indicator, so that some pieces keep no cell.
    static func runs(_ mix: inout Mix, way: Int) -> String {
        let regional = way == 5 || way == 7, qualified = way == 6
        var lines = [(regional ? "region," : "") + "indicator,year,value" + (qualified ? ",qualifier" : "")]
        var series: [[String]] = []
        for s in 0..<(20 + mix.next(200)) {
            let first = 1990 + mix.next(20), count = 1 + mix.next(15)
            var years = Array(first..<(first + count))
            if way == 2 { years.reverse() }
            if way == 3 { years.append(years.last!) }
            let prefix = way == 7 ? "r\(s),\(s / 40 % 2 == 0 ? "gdp" : "other")"
                : regional ? "\(mix.pick(["杭州", "宁波"])),\(mix.pick(["gdp", "城镇化率"]))-\(s / 2)" : "s\(s)"
            series.append(years.map { year in
                var value = "\(mix.next(100_000)).\(mix.next(100))"
                if way == 4, mix.next(10) == 0 { value = mix.pick(["", "-", "abc", "1,5"]) }
                return "\(prefix),\(year),\(value)" + (qualified ? "," + mix.pick(["", "", "", ">", "approx"]) : "")
            })
        }
        if way == 1, series.count > 3 {
            // The front half of one series moved to the end of the table.
            let s = mix.next(series.count - 1), half = series[s].count / 2
            series.append(Array(series[s].prefix(half)))
            series[s].removeFirst(half)
        }
        lines += series.joined()
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("long tables of series in runs, and each way out of runs, read in pieces", arguments: 0..<8)
    func runs(_ way: Int) throws {
        let wanted = way == 7 ? "gdp" : nil
        var mix = Mix(state: 100 + UInt64(way))
        for k in 0..<60 {
            let bytes = Array(Self.runs(&mix, way: way).utf8)
            let text = try #require(try? TableFile.read(bytes: bytes, name: "r.csv"))
            if case .text(let t) = text.table.storage { #expect((t.pieces(8)?.count ?? 0) > 1) }
            let reference = TableFile.Loaded(name: "r.csv", table: ReferenceCSVReader.read(utf8: bytes))
            let old = Self.outcome { () throws(DataFileError) in try ReferenceObservationReader.series(of: reference, indicator: wanted) }
            let new = Self.outcome { () throws(DataFileError) in try DataFile.series(of: text, indicator: wanted) }
            if new != old {
                Issue.record("way \(way), table \(k): \(String(decoding: bytes, as: UTF8.self).debugDescription)\nnew: \(new)\nold: \(old)")
                return
            }
        }
    }

    @Test("a wide table and its long form give the same series, sharing their years")
    func sharedYears() throws {
        let wide = "指标,2019,2020年,2021\ngdp,1,2,3\nincome,4,5,6\n"
        let long = "indicator,year,value\ngdp,2019,1\ngdp,2020,2\ngdp,2021,3\nincome,2019,4\nincome,2020,5\nincome,2021,6\n"
        let a = try DataFile.seriesSet(of: try TableFile.read(bytes: Array(wide.utf8), name: "w.csv"))
        let b = try DataFile.seriesSet(of: try TableFile.read(bytes: Array(long.utf8), name: "l.csv"))
        #expect(a.ids == ["gdp", "income"] && a.ids == b.ids && a.values == b.values)
        #expect(a.sharedYears == [2019, 2020, 2021] && b.sharedYears == a.sharedYears)
    }
}
