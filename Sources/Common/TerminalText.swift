/// Measuring and wrapping text for a terminal, where CJK characters take two columns.
public enum TerminalText {
    /// The table widths the commands take (`--width`): narrower than 60 columns no table fits, and wider
    /// than 1000 no terminal is.
    public static let widthRange = 60...1000

    /// The message for a `--width` outside ``widthRange``, or nil when it is inside.
    public static func widthProblem(_ width: Int) -> String? {
        widthRange.contains(width) ? nil : "--width must be between \(widthRange.lowerBound) and \(widthRange.upperBound) columns, not \(width)."
    }

    /// The number of terminal columns `text` takes: 2 for East Asian wide and fullwidth characters,
    /// 0 for combining marks, 1 otherwise (ambiguous-width punctuation such as “” counts 1).
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 || scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
            return 0
        }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }

    static func isWide(_ c: Character) -> Bool {
        c.unicodeScalars.first.map { width(of: $0) == 2 } ?? false
    }

    /// `text` padded with spaces to `width` columns (unchanged when it is already as wide).
    public static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }

    /// `text` right-aligned in `width` columns.
    public static func padLeft(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - displayWidth(text))) + text
    }

    /// Lines of at most `width` columns: breaks at spaces in Latin text and between any two CJK characters;
    /// a word wider than `width` is cut.
    public static func wrap(_ text: String, width: Int) -> [String] {
        precondition(width > 1, "a wrap width must be at least 2 columns")
        // Atoms: a run of non-space, non-wide characters, or one wide character; `spaced` if a space preceded.
        var atoms: [(text: String, spaced: Bool)] = []
        var current = ""
        var spaced = false
        func flush() {
            if !current.isEmpty { atoms.append((current, spaced)); current = ""; spaced = false }
        }
        for c in text {
            if c == " " {
                flush()
                spaced = true
            } else if isWide(c) {
                flush()
                atoms.append((String(c), spaced))
                spaced = false
            } else if current.isEmpty, !spaced, let last = atoms.last, last.text.last.map(isWide) == true,
                      ")]}）,.;:!?%、，。；：！？".contains(c) {
                // Closing punctuation stays with the character before it.
                atoms[atoms.count - 1].text.append(c)
            } else {
                current.append(c)
            }
        }
        flush()

        var lines: [String] = []
        var line = ""
        for atom in atoms {
            var piece = atom.text
            let separator = line.isEmpty || !atom.spaced ? "" : " "
            if displayWidth(line) + displayWidth(separator) + displayWidth(piece) <= width {
                line += separator + piece
                continue
            }
            if !line.isEmpty { lines.append(line); line = "" }
            while displayWidth(piece) > width {
                var head = ""
                for c in piece {
                    if displayWidth(head + String(c)) > width { break }
                    head.append(c)
                }
                lines.append(head)
                piece.removeFirst(head.count)
            }
            line = piece
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
