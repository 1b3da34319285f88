import Foundation

/// Writes a set of files as one folder that is replaced whole (for one file among others, `AtomicFile`): whoever looks at the folder, and a run
/// stopped at any point (a signal, a kill, a failure), finds the complete previous set or the complete
/// new one, never a mix.
///
/// Every file is written into a sibling folder, `.NAME.pathways-new-PID-K`, next to the output folder and
/// flushed to the disk; only then is the sibling swapped with the output folder in one system call
/// (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on macOS), and the previous set,
/// now in the sibling, is removed. Where the file system cannot swap, the old folder is moved aside and the
/// new one moved in (two renames); a run killed between them is undone by the next commit, which puts the
/// previous folder back before it starts. A commit also removes what earlier interrupted commits left.
///
/// The folder belongs to Pathways: a manifest (``manifestName``) lists the files the last commit wrote,
/// and a commit drops those the new set does not write (a chart no longer made). Any other file found in
/// the folder (a notebook checkpoint, `.DS_Store`) is kept, hard-linked into the new folder, unless it
/// stands where the new set puts a file of the same name (then it is replaced). A folder
/// without a manifest is taken over only when it is empty or holds nothing but names the new set writes
/// (the output of an earlier version); anything else is refused, so `--out` can never replace a folder
/// of the user's. Symbolic links in the folder are never followed.
///
/// Two environment variables are for the tests: `PATHWAYS_TEST_SIGNAL_AT_STEP=K:SIGNAL` (`INT`, `TERM`,
/// `HUP` or `KILL`) sends the signal just before step K of the commit, and `PATHWAYS_TEST_WITHOUT_EXCHANGE`
/// takes the two-rename way; with them the tests stop a run at every step of either way.
public struct AtomicOutput {
    public let folder: URL
    /// The files added, in order.
    public private(set) var files: [(name: String, data: Data)] = []

    /// The manifest: the files the last commit wrote, one relative path a line after a comment line.
    public static let manifestName = ".pathways-output"

    public init(folder: URL) { self.folder = folder }

    /// Adds a file (a path relative to the folder, e.g. `charts/gdp.svg`).
    public mutating func add(_ name: String, text: String) { add(name, data: Data(text.utf8)) }
    public mutating func add(_ name: String, data: Data) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        precondition(!name.isEmpty && !name.hasPrefix("/") && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
                     && name != Self.manifestName && !files.contains { $0.name == name }, "bad or repeated output name \(name)")
        files.append((name, data))
    }

    /// Names of the files added, in order.
    public var names: [String] { files.map(\.name) }

    /// Writes every file, then puts the new folder in place of the old in one step.
    /// - Throws: `OutputError` naming the path that could not be written, or the folder that is not
    ///   Pathways' to replace; the previous folder is then untouched.
    public func commit() throws(OutputError) {
        let place = try Place(folder)
        let state = CommitState()
        let token = Interruption.shared.register { state.abandon(place) }
        defer { Interruption.shared.unregister(token) }
        var steps = CommitSteps()
        try steps.run { () throws(OutputError) in
            try OutputFiles.makeFolders(place.parent)
            place.recoverAndClean()
        }
        let carried = try steps.run { () throws(OutputError) in try place.foreignFiles(replacedBy: names) }
        try steps.run { () throws(OutputError) in
            OutputFiles.removeTree(place.new)
            guard mkdir(place.new, 0o755) == 0 else {
                throw OutputError(path: place.final, reason: "cannot create a folder beside it (\(OutputFiles.reason(errno)))")
            }
        }
        do {
            for file in files {
                try steps.run { () throws(OutputError) in
                    let path = place.new + "/" + file.name
                    try OutputFiles.makeFolders((path as NSString).deletingLastPathComponent)
                    try OutputFiles.write(file.data, to: path, shown: place.final + "/" + file.name)
                }
            }
            for name in carried {
                try steps.run { () throws(OutputError) in
                    let path = place.new + "/" + name
                    try OutputFiles.makeFolders((path as NSString).deletingLastPathComponent)
                    try OutputFiles.carry(place.final + "/" + name, to: path, shown: place.final + "/" + name)
                }
            }
            try steps.run { () throws(OutputError) in
                let manifest = "# Written by pathways: the files of this folder that its next run replaces; other files are kept.\n"
                    + names.map { $0 + "\n" }.joined()
                try OutputFiles.write(Data(manifest.utf8), to: place.new + "/" + Self.manifestName, shown: place.final + "/" + Self.manifestName)
                OutputFiles.syncFolder(place.new)
            }
            try steps.run { () throws(OutputError) in try state.swap(place) }
            if state.isAside { try steps.run { () throws(OutputError) in try state.moveIn(place) } }
        } catch {
            OutputFiles.removeTree(place.new)
            throw error
        }
        steps.run { state.finish(place) }
    }
}

/// Where a commit writes: the output folder, its parent, and the siblings it uses.
struct Place: Sendable {
    let final: String
    let parent: String
    let name: String
    /// The folder the new set is written into (and, after a swap, the previous set removed from).
    let new: String
    /// Where the previous folder waits between the two renames, when the file system cannot swap.
    let aside: String

    /// Sibling names: `.NAME.pathways-new-PID-K`; K tells apart commits of one process.
    static func prefix(_ name: String, _ role: String) -> String { ".\(name).pathways-\(role)-" }

    private static let counter = Counter()

    init(_ folder: URL) throws(OutputError) {
        let path = folder.standardizedFileURL.path
        let name = (path as NSString).lastPathComponent
        guard !path.isEmpty, path != "/", !name.isEmpty, name != ".", name != ".." else {
            throw OutputError(path: folder.path, reason: "an output folder needs a name of its own, not \(folder.path)")
        }
        final = path
        parent = (path as NSString).deletingLastPathComponent
        self.name = name
        let tag = "\(getpid())-\(Self.counter.next())"
        new = parent + "/" + Self.prefix(name, "new") + tag
        aside = parent + "/" + Self.prefix(name, "old") + tag
    }

    /// The process id in a sibling's name, when `entry` is one of this folder's siblings of `role`.
    func siblingProcess(_ entry: String, role: String) -> pid_t? {
        let prefix = Self.prefix(name, role)
        guard entry.hasPrefix(prefix) else { return nil }
        return pid_t(entry.dropFirst(prefix.count).split(separator: "-").first ?? "")
    }

    /// Puts back a previous folder that a killed commit left aside, then removes the siblings of commits
    /// whose process is gone.
    func recoverAndClean() {
        let entries = OutputFiles.names(in: parent)
        if OutputFiles.kind(final) == .missing,
           let aside = entries.first(where: { siblingProcess($0, role: "old").map(Self.isGone) ?? false }) {
            _ = Foundation.rename(parent + "/" + aside, final)
        }
        for entry in OutputFiles.names(in: parent) {
            for role in ["new", "old"] {
                if let process = siblingProcess(entry, role: role), Self.isGone(process) { OutputFiles.removeTree(parent + "/" + entry) }
            }
        }
    }

    /// Whether no process runs under this id.
    static func isGone(_ process: pid_t) -> Bool { kill(process, 0) != 0 && errno == ESRCH }

    /// The files in the existing folder that are not Pathways' (to be kept), by relative path.
    /// - Throws: when the folder is not Pathways' to replace, or when one of its files stands where the new
    ///   set puts a file or a folder.
    func foreignFiles(replacedBy names: [String]) throws(OutputError) -> [String] {
        switch OutputFiles.kind(final) {
        case .missing: return []
        case .folder: break
        case .link:
            throw OutputError(path: final, reason: "it is a symbolic link; give the folder it points to, or another folder")
        case .file, .other:
            throw OutputError(path: final, reason: "a file is in the way of the folder")
        }
        let manifest = final + "/" + AtomicOutput.manifestName
        guard OutputFiles.kind(manifest) == .file, let text = FileManager.default.contents(atPath: manifest) else {
            // No manifest: an empty folder, or the output of an earlier version, holding only names the
            // new set writes (and the temporary files that version left).
            let own = Set(names.map { String($0.split(separator: "/")[0]) })
            let others = OutputFiles.names(in: final).filter { !own.contains($0) && !Self.isEarlierTemporary($0) }
            guard others.isEmpty else {
                let listed = others.prefix(5).joined(separator: ", ") + (others.count > 5 ? ", …" : "")
                throw OutputError(path: final, reason: "the folder holds files that pathways did not write (\(listed)); "
                                  + "give a new or empty folder, or the folder of an earlier run")
            }
            return []
        }
        let written = Set(String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") })
        var foreign: [String] = []
        func walk(_ relative: String) {
            for entry in OutputFiles.names(in: relative.isEmpty ? final : final + "/" + relative) {
                let path = relative.isEmpty ? entry : relative + "/" + entry
                if OutputFiles.kind(final + "/" + path) == .folder {
                    walk(path)
                } else if !written.contains(path) && path != AtomicOutput.manifestName && !Self.isEarlierTemporary(entry) {
                    foreign.append(path)
                }
            }
        }
        walk("")
        let files = Set(names)
        let folders = Set(names.flatMap { name in
            let parts = name.split(separator: "/").dropLast()
            return parts.indices.map { parts[...$0].joined(separator: "/") }
        })
        // Whatever stands where the new set puts a file or a folder is replaced (a file of another version's
        // set, a link, which is never followed); a folder holding other files where a file goes stops the commit.
        var kept: [String] = []
        for path in foreign {
            let parts = path.split(separator: "/")
            if let blocked = parts.indices.dropLast().map({ parts[...$0].joined(separator: "/") }).first(where: files.contains) {
                throw OutputError(path: final + "/" + blocked, reason: "a folder holding files that pathways did not write is in the way of the file")
            }
            if !files.contains(path) && !folders.contains(path) { kept.append(path) }
        }
        return kept
    }

    /// The temporary names of earlier versions' commits (`.NAME.tmp-PID`, `.NAME.previous-PID`).
    static func isEarlierTemporary(_ entry: String) -> Bool {
        guard entry.hasPrefix("."), let dash = entry.lastIndex(of: "-"), Int(entry[entry.index(after: dash)...]) != nil else { return false }
        let stem = entry[..<dash]
        return stem.hasSuffix(".tmp") || stem.hasSuffix(".previous")
    }
}

/// How far a commit has gone, shared with the signal handler (always under ``Interruption``'s lock).
final class CommitState: @unchecked Sendable {
    enum Phase { case writing, movedAside, swapped }
    private var phase = Phase.writing

    var isAside: Bool { phase == .movedAside }

    /// Puts the new folder in place in one step: a rename when there was none, else a swap; where the
    /// file system cannot swap, moves the old folder aside (``moveIn(_:)`` follows).
    func swap(_ place: Place) throws(OutputError) {
        if OutputFiles.kind(place.final) == .missing {
            try OutputFiles.rename(place.new, place.final, shown: place.final)
        } else if let code = Self.canExchange ? OutputFiles.exchange(place.new, place.final) : nil {
            guard code == 0 else { throw OutputError(path: place.final, reason: "cannot swap in the new folder (\(OutputFiles.reason(code)))") }
        } else {
            try OutputFiles.rename(place.final, place.aside, shown: place.final)
            phase = .movedAside
            return
        }
        phase = .swapped
    }

    /// The second rename, where the file system cannot swap: the new folder into the old one's place.
    func moveIn(_ place: Place) throws(OutputError) {
        do {
            try OutputFiles.rename(place.new, place.final, shown: place.final)
        } catch {
            _ = Foundation.rename(place.aside, place.final)
            phase = .writing
            throw error
        }
        phase = .swapped
    }

    /// After the swap: the siblings hold the previous set (or nothing); remove them.
    func finish(_ place: Place) {
        OutputFiles.syncFolder(place.parent)
        OutputFiles.removeTree(place.new)
        OutputFiles.removeTree(place.aside)
    }

    /// False when `PATHWAYS_TEST_WITHOUT_EXCHANGE` is set: the tests then take the two-rename way.
    static let canExchange = ProcessInfo.processInfo.environment["PATHWAYS_TEST_WITHOUT_EXCHANGE"] == nil

    /// What the signal handler does: undo what is not finished, and say what the folder holds.
    func abandon(_ place: Place) -> String {
        switch phase {
        case .writing:
            OutputFiles.removeTree(place.new)
            return OutputFiles.kind(place.final) == .folder
                ? "Interrupted: nothing was written; \(place.final) keeps its previous outputs."
                : "Interrupted: nothing was written."
        case .movedAside:
            _ = Foundation.rename(place.aside, place.final)
            OutputFiles.removeTree(place.new)
            return "Interrupted: nothing was written; \(place.final) keeps its previous outputs."
        case .swapped:
            finish(place)
            return "Interrupted after the outputs were written: \(place.final) holds the new outputs, complete."
        }
    }
}

/// The steps of a commit, each run with signals held off; step K can be interrupted on purpose for tests
/// (`PATHWAYS_TEST_SIGNAL_AT_STEP`).
struct CommitSteps {
    private var count = 0
    private let stop: (step: Int, signal: Int32)?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        stop = environment["PATHWAYS_TEST_SIGNAL_AT_STEP"].flatMap(Self.parse)
    }

    static func parse(_ text: String) -> (step: Int, signal: Int32)? {
        let parts = text.split(separator: ":")
        let signals: [String: Int32] = ["INT": SIGINT, "TERM": SIGTERM, "HUP": SIGHUP, "KILL": SIGKILL]
        guard parts.count == 2, let step = Int(parts[0]), let number = signals[String(parts[1])] else { return nil }
        return (step, number)
    }

    mutating func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        count += 1
        if let stop, stop.step == count {
            kill(getpid(), stop.signal)
            // Let the handler take the lock first, so the step is the one interrupted.
            usleep(200_000)
        }
        return try Interruption.shared.critical(body)
    }
}

/// A process-wide counter for sibling names.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
