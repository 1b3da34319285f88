#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Common
import Foundation

/// The text encodings a table file may be in, as detected by `TextEncoding.decode(_:)`.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with byte-order mark"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    /// GB18030, a superset of GBK and GB2312: what Chinese Excel and WPS write as "CSV".
    case gb18030 = "GB18030"

    /// Text converted to UTF-8 bytes, and the encoding it was in.
    public struct Decoded: Sendable {
        /// The text as UTF-8, without a byte-order mark.
        public var utf8: [UInt8]
        public var encoding: TextEncoding
    }

    /// Bytes that are none of the encodings, with the line of the first byte that does not decode as UTF-8.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var description: String {
            "the file is not text in UTF-8, UTF-16 with a byte-order mark, or GB18030/GBK (the first byte that is not UTF-8 is on line \(line)); "
                + "save it again as \"CSV UTF-8\" or \"Unicode text\""
        }
    }

    /// Detects the encoding and converts to UTF-8, in this order: a UTF-8 byte-order mark; a UTF-16
    /// byte-order mark (little- or big-endian, as Excel's "Unicode text" writes it); bytes that are valid
    /// UTF-8 (plain ASCII included); bytes that are valid GB18030 (GBK and GB2312 are subsets). UTF-16
    /// without a byte-order mark is not guessed.
    /// - Throws: `Failure` when the bytes are none of these.
    public static func decode(_ data: Data) throws(Failure) -> Decoded {
        try decode(bytes: [UInt8](data))
    }

    /// `decode(_:)` of bytes it may keep: UTF-8 text is returned as it is, without a copy (a byte-order mark
    /// is removed in place).
    public static func decode(bytes: consuming [UInt8]) throws(Failure) -> Decoded {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            if let bad = bytes.withUnsafeBufferPointer({ firstInvalidUTF8(UnsafeBufferPointer(rebasing: $0[3...])) }) {
                throw Failure(line: line(of: bad + 3, in: bytes))
            }
            bytes.removeFirst(3)
            return Decoded(utf8: bytes, encoding: .utf8WithBOM)
        }
        for (mark, encoding, name) in [([UInt8(0xFF), 0xFE], TextEncoding.utf16LittleEndian, "UTF-16LE"), ([0xFE, 0xFF], .utf16BigEndian, "UTF-16BE")]
        where bytes.starts(with: mark) {
            guard let utf8 = convert(Array(bytes.dropFirst(2)), from: name) else { throw Failure(line: 1) }
            return Decoded(utf8: utf8, encoding: encoding)
        }
        guard let bad = bytes.withUnsafeBufferPointer({ firstInvalidUTF8($0) }) else { return Decoded(utf8: bytes, encoding: .utf8) }
        if let utf8 = convert(bytes, from: "GB18030") { return Decoded(utf8: utf8, encoding: .gb18030) }
        throw Failure(line: line(of: bad, in: bytes))
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
    }

    /// ``firstInvalidUTF8(_:)`` on all cores: the bytes cut where a character starts (at a byte that is not a
    /// continuation byte), so that each piece is checked as the whole would check it, and the first piece's
    /// answer taken.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let piece = 1 << 22, n = bytes.count
        var cuts = [0]
        while cuts.last! + piece < n {
            var cut = cuts.last! + piece
            while cut < n, bytes[cut] & 0xC0 == 0x80 { cut += 1 }
            cuts.append(cut)
        }
        if cuts.last! < n { cuts.append(n) }
        let text = ReadOnlyShare(bytes), ranges = cuts
        let found = Parallel.map(max(0, cuts.count - 1)) { k in
            firstInvalidUTF8(in: UnsafeBufferPointer(rebasing: text.buffer[ranges[k]..<ranges[k + 1]])).map { ranges[k] + $0 }
        }
        return found.lazy.compactMap { $0 }.first
    }

    /// The offset of the first byte of `bytes` that is not part of a well-formed UTF-8 sequence, or nil.
    private static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            // Eight ASCII bytes at a time, the common case.
            while i + 8 <= n, UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                if k == 1 ? !(low...high).contains(c) : !(0x80...0xBF).contains(c) { return i }
            }
            i += length
        }
        return nil
    }

    private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Converts with the C library's iconv; nil when a byte sequence is not valid in `encoding`.
    static func convert(_ input: [UInt8], from encoding: String) -> [UInt8]? {
        let descriptor = iconv_open("UTF-8", encoding)
        guard descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var source = input
        var output = [UInt8](repeating: 0, count: max(16, input.count * 2 + 16))
        var produced = 0
        let ok: Bool = source.withUnsafeMutableBufferPointer { inBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
            var inLeft = inBuffer.count
            while true {
                let (result, outUsed): (Int, Int) = output.withUnsafeMutableBufferPointer { outBuffer in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress! + produced).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count - produced
                    let before = outLeft
                    let r = inLeft == 0 ? iconv(descriptor, nil, nil, &outPointer, &outLeft) : iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (r, before - outLeft)
                }
                produced += outUsed
                if result != -1 { return inLeft == 0 }
                guard errno == E2BIG else { return false }
                output += [UInt8](repeating: 0, count: output.count)
            }
        }
        return ok ? Array(output[..<produced]) : nil
    }
}
