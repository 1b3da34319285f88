import Foundation
import CYaml
import Yams

/// A YAML value with the line it starts on: what the study decoders read.
///
/// Yams' `Node` keeps a `Mark` per node but is not `Sendable`; this copy keeps only what the decoders need
/// (text, structure, lines) and marks quoted scalars so that `"2025"` and `2025` can be told apart if needed.
struct YAMLNode: Sendable {
    struct Entry: Sendable {
        var key: String
        var keyLine: Int
        var value: YAMLNode
    }

    enum Value: Sendable {
        case null
        case scalar(String, quoted: Bool)
        case mapping([Entry])
        case sequence([YAMLNode])
    }

    var value: Value
    var line: Int

    var entries: [Entry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    var items: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    var scalar: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// A short description of the value for messages: the scalar itself, or `a mapping` / `a list`.
    var summary: String {
        switch value {
        case .null: return "nothing"
        case .scalar(let text, _): return "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

/// A YAML syntax problem with the line libyaml reported.
struct YAMLSyntaxError: Error, Sendable {
    var line: Int?
    var message: String
}

enum YAMLReader {
    /// Parses one YAML document; `nil` for an empty document.
    /// - Throws: `YAMLSyntaxError` for a syntax error, and for an alias (`*name`), refused before anything
    ///   is expanded: a kilobyte of nested aliases expands to gigabytes ("billion laughs").
    static func parse(_ text: String) throws(YAMLSyntaxError) -> YAMLNode? {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if let alias = firstAlias(text) {
            throw YAMLSyntaxError(line: alias.line, message: "YAML aliases (*\(alias.name)) are not supported in study files; write the value out")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw YAMLSyntaxError(line: nil, message: "\(error)")
        }
        guard let node else { return nil }
        return try convert(node)
    }

    /// The first alias of the text and its line, read from libyaml's events, which never expand one;
    /// nil when there is none, or when the text stops parsing before one (the composer reports that).
    static func firstAlias(_ text: String) -> (name: String, line: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> (name: String, line: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let type = event.type
                var found: (name: String, line: Int)?
                if type == YAML_ALIAS_EVENT {
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    found = (name, Int(event.start_mark.line) + 1)
                }
                yaml_event_delete(&event)
                if found != nil || type == YAML_STREAM_END_EVENT { return found }
            }
            return nil
        }
    }

    private static func syntaxError(_ error: YamlError) -> YAMLSyntaxError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let where_ = context.map { " (\($0.text))" } ?? ""
            return YAMLSyntaxError(line: mark.line, message: "YAML syntax error: \(problem)\(where_)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return YAMLSyntaxError(line: context.mark.line, message: "duplicate key \(keys) in one mapping")
        case let .reader(problem, offset, value, yaml):
            // libyaml's reader stops at bytes YAML forbids (NUL, other control characters); the offset is in UTF-8 bytes.
            let line = offset.map { o in yaml.utf8.prefix(o).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 } }
            let character = value >= 0 ? String(format: " (U+%04X)", value) : ""
            return YAMLSyntaxError(line: line, message: "YAML syntax error: \(problem)\(character)")
        default:
            let first = "\(error)".split(separator: "\n").first.map(String.init) ?? ""
            return YAMLSyntaxError(line: nil, message: "YAML error: \(first)")
        }
    }

    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    private static func convert(_ node: Node) throws(YAMLSyntaxError) -> YAMLNode {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style != .plain && scalar.style != .any
            if !quoted && nullWords.contains(scalar.string) { return YAMLNode(value: .null, line: line) }
            return YAMLNode(value: .scalar(scalar.string, quoted: quoted), line: line)
        case .mapping(let mapping):
            var entries: [YAMLNode.Entry] = []
            for (key, value) in mapping {
                let keyText = key.scalar?.string ?? "\(key)"
                entries.append(YAMLNode.Entry(key: keyText, keyLine: key.mark?.line ?? line, value: try convert(value)))
            }
            return YAMLNode(value: .mapping(entries), line: line)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence { items.append(try convert(item)) }
            return YAMLNode(value: .sequence(items), line: line)
        case .alias:
            throw YAMLSyntaxError(line: line, message: "YAML aliases (*name) are not supported in study files")
        }
    }
}
