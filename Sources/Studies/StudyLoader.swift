import Common
import Foundation

/// The result of checking a study folder: every diagnostic, and the study when there was no error.
public struct StudyValidation: Sendable {
    /// The loaded study; `nil` when there is at least one error.
    public var study: Study?
    /// Every diagnostic, sorted by file and line, errors and warnings together.
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Reads and validates a study folder:
///
/// ```
/// <study>/study.yaml          region, years, plan, indicators
/// <study>/targets.yaml        the plan's targets
/// <study>/history.csv         indicator,year,value,source
/// <study>/scenarios/*.yaml    scenarios (optional)
/// ```
///
/// Every file is read and checked even after a problem is found, so one run reports every problem with its
/// file, line and field. Years must lie in `validYears`.
public enum StudyLoader {
    /// The years a study may mention: from the founding of the People's Republic, whose statistics the
    /// studies use, to 2100, beyond which no plan sets targets. A year outside is almost always a typo.
    public static let validYears = 1949...2100

    public static let studyFile = "study.yaml"
    public static let targetsFile = "targets.yaml"
    public static let historyFile = "history.csv"
    public static let scenariosFolder = "scenarios"

    /// Loads the study in `folder`.
    /// - Throws: `StudyLoadError` with every diagnostic when there is at least one error.
    public static func load(at folder: URL) throws(StudyLoadError) -> Study {
        let validation = validate(at: folder)
        guard let study = validation.study else {
            throw StudyLoadError(path: folder.relativePath, diagnostics: validation.diagnostics)
        }
        return study
    }

    /// Checks the study in `folder` and returns every diagnostic, with the study when it has no error.
    public static func validate(at folder: URL) -> StudyValidation {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let d = Diagnostic(.error, "no study folder at \(folder.relativePath)", file: folder.relativePath, line: nil, field: "")
            return StudyValidation(study: nil, diagnostics: [d])
        }
        let folderName = folder.standardizedFileURL.lastPathComponent

        // study.yaml
        var studyLog = DiagnosticLog(file: studyFile)
        var decoded = StudyFileDecoder.Result()
        var studyReadable = false
        if let root = readYAML(folder.appendingPathComponent(studyFile), required: true, log: &studyLog) {
            decoded = StudyFileDecoder.decode(root, folderName: folderName, log: &studyLog)
            StudyFileDecoder.checkFormulas(decoded.indicators, declaredIDs: decoded.declaredIDs, log: &studyLog)
            StudyFileDecoder.checkExtensions(decoded.indicators, log: &studyLog)
            StudyFileDecoder.checkCorrelations(decoded, log: &studyLog)
            studyReadable = true
        }
        let declared: Set<String>? = studyReadable ? decoded.declaredIDs : nil
        let indicators = Dictionary(decoded.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // The plan text that quotes are checked against.
        var planText: String?
        if let textFile = decoded.header?.plan?.textFile {
            let line = decoded.header?.planTextLine
            if let url = confined(textFile, in: folder, line: line, field: "plan.text", log: &studyLog) {
                planText = readPlanText(url, name: textFile, line: line, log: &studyLog)
            }
        }

        // targets.yaml
        var targetsLog = DiagnosticLog(file: targetsFile)
        let targetsRoot = readYAML(folder.appendingPathComponent(targetsFile), required: true, log: &targetsLog)
        let context = TargetsDecoder.Context(declaredIDs: declared, indicators: indicators, planText: planText,
                                             planTextFile: decoded.header?.plan?.textFile)
        let targets = TargetsDecoder.decode(targetsRoot, context: context, log: &targetsLog)
        if let header = decoded.header {
            for target in targets where target.year > header.targetYear {
                targetsLog.warning(target.line, "targets[\(target.id)].year", "target year \(target.year) is after the study's target_year \(header.targetYear)")
            }
        }

        // history.csv
        var historyLog = DiagnosticLog(file: historyFile)
        var observations: [Observation] = []
        let historyURL = folder.appendingPathComponent(historyFile)
        var historyFormat: String?
        if let data = fm.contents(atPath: historyURL.path) {
            do throws(DataFileError) {
                let loaded = try TableFile.read(data: data, name: historyFile)
                historyFormat = loaded.format
                observations = HistoryDecoder.decode(loaded.table, declaredIDs: declared, indicators: indicators, log: &historyLog)
            } catch {
                historyLog.items += error.diagnostics
            }
        } else {
            historyLog.error(nil, "", "missing file \(historyFile) (the header line alone is enough for a study without history)")
        }

        // scenarios/*.yaml
        var scenarioLogs: [String: DiagnosticLog] = [:]
        var drafts: [ScenarioDraft] = []
        let scenariosURL = folder.appendingPathComponent(scenariosFolder)
        let names = ((try? fm.contentsOfDirectory(atPath: scenariosURL.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        for fileName in names {
            let file = "\(scenariosFolder)/\(fileName)"
            var log = DiagnosticLog(file: file)
            if let root = readYAML(scenariosURL.appendingPathComponent(fileName), required: true, log: &log),
               let draft = ScenarioDecoder.decode(root, name: String(fileName.dropLast(5)), file: file,
                                                  declaredIDs: declared, indicators: indicators, log: &log) {
                drafts.append(draft)
            }
            scenarioLogs[file] = log
        }
        let scenarios = ScenarioResolver.resolve(drafts, logs: &scenarioLogs)
        StudyConsistency.checkHistory(observations, indicators: indicators, log: &historyLog)
        StudyConsistency.checkScenarios(drafts, observations: observations, indicators: indicators, logs: &scenarioLogs)
        let observed = Set(observations.map(\.indicator))
        for draft in drafts { checkApplies(draft, observed: observed, log: &scenarioLogs[draft.file, default: DiagnosticLog(file: draft.file)]) }

        // Growth panels named by declared correlations.
        var panelLogs: [DiagnosticLog] = []
        var correlations: [DeclaredCorrelation] = []
        for (declaration, panelFile) in decoded.correlations {
            guard let panelFile else { correlations.append(declaration); continue }
            var log = DiagnosticLog(file: panelFile)
            var declared = declaration
            guard let panelURL = confined(panelFile, in: folder, line: declaration.line, field: "correlations.\(declaration.pair).growth_panel", log: &studyLog) else {
                correlations.append(declared)
                continue
            }
            if let data = fm.contents(atPath: panelURL.path) {
                do throws(DataFileError) {
                    let pairs = GrowthPanelDecoder.decode(try TableFile.read(data: data, name: panelFile).table, pair: declaration.pair, log: &log)
                    if pairs.count < DeclaredCorrelation.minimumPanelPairs {
                        studyLog.error(declaration.line, "correlations.\(declaration.pair).growth_panel",
                                       "\(panelFile) has \(pairs.count) region-year(s) with both growth rates; a correlation needs at least \(DeclaredCorrelation.minimumPanelPairs)")
                    }
                    declared.basis = .growthPanel(file: panelFile, pairs: pairs)
                } catch {
                    log.items += error.diagnostics
                }
            } else {
                studyLog.error(declaration.line, "correlations.\(declaration.pair).growth_panel", "cannot read the growth panel \(panelFile)")
            }
            panelLogs.append(log)
            correlations.append(declared)
        }

        var diagnostics = studyLog.items + targetsLog.items + historyLog.items + panelLogs.flatMap(\.items)
        for file in scenarioLogs.keys.sorted() { diagnostics += scenarioLogs[file]!.items }
        diagnostics.sort { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }
        guard !diagnostics.contains(where: { $0.severity == .error }), let header = decoded.header else {
            return StudyValidation(study: nil, diagnostics: diagnostics)
        }
        var study = Study(
            id: folderName, title: header.title, region: header.region, baseYear: header.baseYear,
            targetYear: header.targetYear, plan: header.plan, indicators: decoded.indicators,
            observations: observations + chained(observations, indicators: decoded.indicators), targets: targets,
            scenarios: scenarios, correlations: correlations, warnings: diagnostics
        )
        study.historyFormat = historyFormat
        return StudyValidation(study: study, diagnostics: diagnostics)
    }

    /// The values of levels extended with their growth rates (`extend_with`), for every year after a level
    /// value (observed or itself chained) where the level has none and the rate has one:
    /// `level(y) = level(y − 1) · (1 + rate(y)/100)`.
    /// A bound is never chained from, and a year with a bound of the level is not chained; a value chained from
    /// an approximate level or rate is approximate.
    static func chained(_ observations: [Observation], indicators: [Indicator]) -> [Observation] {
        var byIndicator: [String: [Int: Observation]] = [:]
        var bounded: Set<String> = []
        for o in observations {
            if o.qualifier.isBound { bounded.insert("\(o.indicator)\u{0}\(o.year)") } else { byIndicator[o.indicator, default: [:]][o.year] = o }
        }
        var chained: [Observation] = []
        for indicator in indicators {
            guard let rateID = indicator.extendWith, var levels = byIndicator[indicator.id], let rates = byIndicator[rateID] else { continue }
            for year in rates.keys.sorted() where levels[year] == nil && !bounded.contains("\(indicator.id)\u{0}\(year)") {
                guard let previous = levels[year - 1], let rate = rates[year] else { continue }
                let value = previous.value * (1 + rate.value / 100)
                let approximate = previous.qualifier == .approximate || rate.qualifier == .approximate
                let o = Observation(indicator: indicator.id, year: year, value: value,
                                    source: "chained: \(indicator.id) \(year - 1) × (1 + \(rateID) \(year) / 100) = \(NumberText.plain(previous.value)) × (1 + \(NumberText.plain(rate.value))%)",
                                    line: rate.line, chainedFrom: rateID, qualifier: approximate ? .approximate : .exact)
                levels[year] = o
                chained.append(o)
            }
        }
        return chained
    }

    /// A scenario's own assumptions must move something: one on an indicator without observations has no
    /// start and changes nothing (a warning); a scenario none of whose assumptions applies would be a silent
    /// copy of its parent (an error).
    private static func checkApplies(_ draft: ScenarioDraft, observed: Set<String>, log: inout DiagnosticLog) {
        let idle = draft.assumptions.filter { !observed.contains($0.key) }
        if !draft.assumptions.isEmpty && idle.count == draft.assumptions.count {
            log.error(draft.assumptionsLine, "assumptions",
                      "none of the scenario's assumptions applies (\(idle.keys.sorted().joined(separator: ", ")) \(idle.count == 1 ? "has" : "have") no observation in \(historyFile) to start from): it would repeat \(draft.extends ?? "the trend") under another name; add the data or remove the scenario")
            return
        }
        for (indicator, list) in idle.sorted(by: { $0.key < $1.key }) {
            log.warning(list.first?.line, "assumptions.\(indicator)",
                        "'\(indicator)' has no observation in \(historyFile), so this assumption has nothing to start from and changes nothing")
        }
    }

    private static func readYAML(_ url: URL, required: Bool, log: inout DiagnosticLog) -> YAMLNode? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            if required { log.error(nil, "", "missing file \(url.lastPathComponent)") }
            return nil
        }
        let text: String
        do throws(TextEncoding.Failure) {
            text = String(decoding: try TextEncoding.decode(data).utf8, as: UTF8.self)
        } catch {
            log.error(error.line, "", error.description)
            return nil
        }
        do throws(YAMLSyntaxError) {
            guard let root = try YAMLReader.parse(text) else {
                log.error(1, "", "the file is empty")
                return nil
            }
            return root
        } catch {
            log.error(error.line, "", error.message)
            return nil
        }
    }

    /// A path a study file gives, relative to the study folder, when it stays inside it: not absolute, no
    /// `..` above the folder, and no symbolic link leading out. Otherwise an error, and nil: a study must
    /// not make `validate` read (and answer questions about) any file of the machine.
    static func confined(_ relative: String, in folder: URL, line: Int?, field: String, log: inout DiagnosticLog) -> URL? {
        var depth = 0
        for part in relative.split(separator: "/") where part != "." {
            depth += part == ".." ? -1 : 1
            if depth < 0 { break }
        }
        guard !relative.hasPrefix("/"), !relative.hasPrefix("~"), depth >= 0 else {
            log.error(line, field, "'\(relative)' is outside the study folder; give a path inside it")
            return nil
        }
        let url = folder.appendingPathComponent(relative)
        let root = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let target = url.resolvingSymlinksInPath().standardizedFileURL.path
        guard target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            log.error(line, field, "'\(relative)' leads outside the study folder (through a symbolic link); copy the file into it")
            return nil
        }
        return url
    }

    /// The text quotes must be found in: the file itself, or for a `.csv` the cells of its `quote` column.
    private static func readPlanText(_ url: URL, name: String, line: Int?, log: inout DiagnosticLog) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.error(line, "plan.text", "cannot read the plan text \(name): there is no readable file of that name in the study folder")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            log.error(line, "plan.text", "the plan text \(name) is not UTF-8 text")
            return nil
        }
        guard url.pathExtension.lowercased() == "csv" else { return text }
        let table = CSVReader.read(text)
        guard let header = table.records.first, let column = header.fields.firstIndex(of: "quote") else {
            log.error(line, "plan.text", "\(name) has no 'quote' column to check target quotes against")
            return nil
        }
        return table.records.dropFirst().compactMap { $0.fields.indices.contains(column) ? $0.fields[column] : nil }
            .joined(separator: "\n")
    }
}
