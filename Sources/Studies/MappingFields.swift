import Common
import Foundation

/// Reads the fields of one YAML mapping and logs every problem with its line and key path:
/// wrong types, missing required keys, unknown keys (with a suggestion for a likely typo).
struct MappingFields {
    let line: Int
    let path: String
    private let entries: [YAMLNode.Entry]
    private let allowed: [String]?

    /// `nil` (and an error logged) when `node` is not a mapping. With `allowed`, every other key is logged as
    /// unknown, and a required key that is missing because of a near-miss typo is not reported a second time.
    init?(_ node: YAMLNode, path: String, allowed: [String]? = nil, log: inout DiagnosticLog) {
        guard let entries = node.entries else {
            log.error(node.line, path, "expected a mapping of keys to values, found \(node.summary)")
            return nil
        }
        self.line = node.line
        self.path = path
        self.entries = entries
        self.allowed = allowed
        if let allowed { checkKeys(allowed, log: &log) }
    }

    /// Whether an unknown key looks like a typo of `key` (`grwoth` for `growth`).
    func hasMisspelling(of key: String) -> Bool {
        guard let allowed else { return false }
        return entries.contains { !allowed.contains($0.key) && Self.closest(to: $0.key, in: allowed) == key }
    }

    /// The key path of a field: `path.key`.
    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of a key; `nil` when absent or null.
    func node(_ key: String) -> YAMLNode? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
        return entry.value
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    /// Logs an error for every key not in `allowed`.
    private func checkKeys(_ allowed: [String], log: inout DiagnosticLog) {
        for entry in entries where !allowed.contains(entry.key) {
            var message = "unknown key '\(Self.shown(entry.key))'"
            if let guess = Self.closest(to: entry.key, in: allowed) {
                message += "; did you mean '\(guess)'?"
            } else {
                message += "; expected one of: \(allowed.joined(separator: ", "))"
            }
            log.error(entry.keyLine, field(entry.key), message)
        }
    }

    private func missing(_ key: String, _ log: inout DiagnosticLog, _ what: String) {
        if !hasMisspelling(of: key) { log.error(line, field(key), "missing \(what)") }
    }

    func string(_ key: String, required: Bool, log: inout DiagnosticLog) -> String? {
        guard let value = node(key) else {
            if required { missing(key, &log, "'\(key)'") }
            return nil
        }
        guard let text = value.scalar else {
            log.error(value.line, field(key), "expected text, found \(value.summary)")
            return nil
        }
        if required && text.trimmingCharacters(in: .whitespaces).isEmpty {
            log.error(value.line, field(key), "'\(key)' is empty")
            return nil
        }
        return text
    }

    func number(_ key: String, required: Bool, log: inout DiagnosticLog) -> Double? {
        guard let value = node(key) else {
            if required { missing(key, &log, "'\(key)' (a number)") }
            return nil
        }
        return Self.number(value, field: field(key), log: &log)
    }

    static func number(_ value: YAMLNode, field: String, log: inout DiagnosticLog) -> Double? {
        guard let text = value.scalar else {
            log.error(value.line, field, "expected a number, found \(value.summary)")
            return nil
        }
        switch DecimalNumber.parse(text.trimmingCharacters(in: .whitespaces)) {
        case .success(let x):
            return x
        case .failure(.notANumber), .failure(.empty):
            log.error(value.line, field, "expected a number, found \(value.summary)")
        case .failure(let problem):
            log.error(value.line, field, "expected a number, found \(value.summary), which \(problem)")
        }
        return nil
    }

    func integer(_ key: String, required: Bool, log: inout DiagnosticLog) -> Int? {
        guard let value = node(key) else {
            if required { missing(key, &log, "'\(key)' (a whole number)") }
            return nil
        }
        guard let text = value.scalar, let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
            log.error(value.line, field(key), "expected a whole number, found \(value.summary)")
            return nil
        }
        return n
    }

    func year(_ key: String, required: Bool, log: inout DiagnosticLog) -> Int? {
        guard let value = node(key) else {
            if required { missing(key, &log, "'\(key)' (a year)") }
            return nil
        }
        return Self.year(value, field: field(key), log: &log)
    }

    static func year(_ value: YAMLNode, field: String, log: inout DiagnosticLog) -> Int? {
        guard let text = value.scalar, let year = Int(text.trimmingCharacters(in: .whitespaces)) else {
            log.error(value.line, field, "expected a year, found \(value.summary)")
            return nil
        }
        guard StudyLoader.validYears.contains(year) else {
            log.error(value.line, field, "year \(year) is out of range \(StudyLoader.validYears.lowerBound)...\(StudyLoader.validYears.upperBound)")
            return nil
        }
        return year
    }

    func bool(_ key: String, log: inout DiagnosticLog) -> Bool? {
        guard let value = node(key) else { return nil }
        switch value.scalar {
        case "true": return true
        case "false": return false
        default:
            log.error(value.line, field(key), "expected true or false, found \(value.summary)")
            return nil
        }
    }

    /// `{en: ..., zh: ...}`; both halves are required and non-empty.
    func bilingual(_ key: String, required: Bool, log: inout DiagnosticLog) -> BilingualText? {
        guard let value = node(key) else {
            if required { missing(key, &log, "'\(key)' with both en and zh") }
            return nil
        }
        guard let fields = MappingFields(value, path: field(key), allowed: ["en", "zh"], log: &log) else { return nil }
        var en = fields.string("en", required: false, log: &log)
        var zh = fields.string("zh", required: false, log: &log)
        if en?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            log.error(fields.node("en")?.line ?? value.line, fields.field("en"), "missing English text (en)")
            en = nil
        }
        if zh?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            log.error(fields.node("zh")?.line ?? value.line, fields.field("zh"), "missing Chinese text (zh)")
            zh = nil
        }
        guard let en, let zh else { return nil }
        return BilingualText(en: en, zh: zh)
    }

    /// One of an enumeration's raw values.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, log: inout DiagnosticLog) -> E?
    where E.RawValue == String {
        guard let value = node(key) else { return nil }
        guard let text = value.scalar, let e = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            log.error(value.line, field(key), "unknown \(key) \(value.summary); expected one of: \(allowed)")
            return nil
        }
        return e
    }

    /// A list of years, `[2020, 2022]`.
    func years(_ key: String, log: inout DiagnosticLog) -> [Int] {
        guard let value = node(key) else { return [] }
        guard let items = value.items else {
            log.error(value.line, field(key), "expected a list of years, found \(value.summary)")
            return []
        }
        return items.enumerated().compactMap { i, item in Self.year(item, field: "\(field(key))[\(i)]", log: &log) }
    }

    /// A name as quoted in a message: itself, or its first 60 characters and its length when longer, so a
    /// corrupt megabyte-long cell gives a line, not a megabyte.
    static func shown(_ text: String) -> String {
        guard text.utf8.count > 60, text.count > 60 else { return text }
        return "\(text.prefix(60))… (\(text.count) characters)"
    }

    /// The closest of `candidates` within edit distance 2, for "did you mean" hints.
    /// - Complexity: O(candidates × 64²) at most: the distance is computed only for words of at most 64
    ///   characters whose lengths differ by at most 2 (a larger difference is already more than 2 edits).
    static func closest(to word: String, in candidates: [String]) -> String? {
        let length = word.utf8.count <= 256 ? word.count : Int.max
        guard length <= 64 else { return nil }
        let scored = candidates.filter { abs($0.count - length) <= 2 }.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions
    /// (`grwoth` → `growth` is one edit).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
