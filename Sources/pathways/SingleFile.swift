import Foundation
import Reports

/// Writes one file of a study or a sheet (`init`, `template --out`, `import`): in full or not at all, without
/// touching the other files of its folder (`AtomicFile`; `AtomicOutput` replaces a whole folder).
enum SingleFile {
    static func write(_ data: Data, to url: URL) throws {
        try AtomicFile.write(data, to: url)
    }
}
