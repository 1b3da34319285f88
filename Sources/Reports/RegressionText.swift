import Common
import Foundation
import LeastSquares
import Studies

/// How `pathways fit` shows a regression: a table for people, JSON for machines.
public enum RegressionText {
    /// The results table: estimates, standard errors, t, p, and the fit's summary measures.
    public static func table(_ fit: LinearFit) -> String {
        let names = fit.parameterNames
        let width = max(8, names.map(\.count).max() ?? 8)
        func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        func number(_ x: Double) -> String { NumberText.scientific(x, digits: 10) }
        var lines: [String] = []
        lines.append(pad("", width) + pad("estimate", 19) + pad("std error", 19) + pad("t", 12) + pad("p", 12))
        for j in 0..<names.count {
            lines.append(pad(names[j], width) + pad(number(fit.parameters[j]), 19) + pad(number(fit.standardErrors[j]), 19)
                         + pad(abs(fit.tStatistics[j]) < 1e6 ? NumberText.fixed(fit.tStatistics[j], decimals: 3) : NumberText.scientific(fit.tStatistics[j], digits: 3), 12) + pad(NumberText.scientific(fit.pValues[j], digits: 3), 12))
        }
        lines.append("")
        lines.append("observations \(fit.observationCount), parameters \(fit.parameterCount), rank \(fit.rank), residual df \(fit.dfResidual)")
        lines.append("residual SD \(number(fit.residualStandardDeviation)), R² \(number(fit.rSquared)) (\(fit.hasIntercept ? "centred" : "uncentred")), adjusted R² \(number(fit.adjustedRSquared))")
        lines.append("log-likelihood \(number(fit.logLikelihood)), AIC \(number(fit.aic)), AICc \(number(fit.aicc)), BIC \(number(fit.bic))")
        lines.append("condition number \(NumberText.scientific(fit.conditionNumber, digits: 3)) (after centring and scaling: \(NumberText.scientific(fit.scaledConditionNumber, digits: 3))), refinement steps \(fit.refinementIterations)")
        for warning in fit.warnings { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object; every number with 17 significant digits, `null` for a non-finite one.
    public static func json(_ fit: LinearFit) -> String {
        func array(_ values: [Double]) -> String { "[" + values.map(NumberText.significant17).joined(separator: ", ") + "]" }
        let fields: [(String, String)] = [
            ("parameterNames", "[" + fit.parameterNames.map(JSONText.string).joined(separator: ", ") + "]"),
            ("parameters", array(fit.parameters)),
            ("standardErrors", array(fit.standardErrors)),
            ("tStatistics", array(fit.tStatistics)),
            ("pValues", array(fit.pValues)),
            ("residualStandardDeviation", NumberText.significant17(fit.residualStandardDeviation)),
            ("rSquared", NumberText.significant17(fit.rSquared)),
            ("adjustedRSquared", NumberText.significant17(fit.adjustedRSquared)),
            ("logLikelihood", NumberText.significant17(fit.logLikelihood)),
            ("aic", NumberText.significant17(fit.aic)),
            ("aicc", NumberText.significant17(fit.aicc)),
            ("bic", NumberText.significant17(fit.bic)),
            ("observations", String(fit.observationCount)),
            ("dfResidual", String(fit.dfResidual)),
            ("rank", String(fit.rank)),
            ("conditionNumber", NumberText.significant17(fit.conditionNumber)),
            ("scaledConditionNumber", NumberText.significant17(fit.scaledConditionNumber)),
            ("warnings", "[" + fit.warnings.map { JSONText.string($0.description) }.joined(separator: ", ") + "]"),
        ]
        return "{\n" + fields.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}
