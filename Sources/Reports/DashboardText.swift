import Common
import Foundation
import Simulation
import Studies

/// The feasibility table of `pathways check`: one row per target, one column per scenario with the status
/// and `p_meet`, in about 100 columns; ANSI colour only when asked (on a terminal).
public enum DashboardText {
    static let shortStatus: [TargetStatus: String] = [
        .achieved: "achieved", .onTrack: "on track", .moderateProgress: "moderate", .insufficientProgress: "insufficient",
        .movingAway: "moving away", .insufficientData: "few data", .noData: "no data",
    ]

    static func ansi(_ status: TargetStatus) -> String {
        switch status {
        case .achieved, .onTrack: return "\u{1B}[32m"
        case .moderateProgress: return "\u{1B}[33m"
        case .insufficientProgress, .movingAway: return "\u{1B}[31m"
        case .insufficientData, .noData: return "\u{1B}[2m"
        }
    }

    public static func table(_ run: StudyRun, width: Int = 100, colour: Bool = false) -> String {
        let scenarios = run.scenarios.map(\.spec.name)
        let cell = 17
        let idWidth = max(20, width - cell * scenarios.count - 1)
        func fit(_ s: String, _ w: Int) -> String {
            let clipped = s.count > w ? String(s.prefix(w - 1)) + "…" : s
            return clipped + String(repeating: " ", count: max(0, w - clipped.count))
        }
        var out = fit("target", idWidth) + " " + scenarios.map { fit($0, cell) }.joined() + "\n"
        out += String(repeating: "-", count: idWidth + 1 + cell * scenarios.count) + "\n"
        var byTarget: [String: [String: FeasibilityRow]] = [:]
        for scenario in run.scenarios { for row in scenario.feasibility { byTarget[row.target.id, default: [:]][scenario.spec.name] = row } }
        for target in run.study.targets {
            var line = fit(target.id, idWidth) + " "
            for name in scenarios {
                guard let row = byTarget[target.id]?[name] else { line += fit("", cell); continue }
                let p = row.pMeet.map { " " + NumberText.percent($0) } ?? ""
                let text = fit(shortStatus[row.status]! + p, cell)
                line += colour ? ansi(row.status) + text + "\u{1B}[0m" : text
            }
            out += line + "\n"
        }
        out += "\n"
        for scenario in run.scenarios {
            var counts: [TargetStatus: Int] = [:]
            for row in scenario.feasibility { counts[row.status, default: 0] += 1 }
            let parts = TargetStatus.allCases.compactMap { s in counts[s].map { "\($0) \(shortStatus[s]!)" } }
            out += "\(scenario.spec.name): " + parts.joined(separator: ", ") + "\n"
        }
        out += "Status: Eurostat/Open SDG progress ratio (on track ≥ 0.95, moderate ≥ 0.6, insufficient ≥ 0,\n"
            + "else moving away); percent: probability of meeting the target (p_meet).\n"
        return out
    }
}
