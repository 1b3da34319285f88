import Common
import Foundation
import LeastSquares
import Studies

/// How `pathways fit` shows a regression to people (CSV and JSON: `CommandOutput.fit`).
public enum RegressionText {
    /// The results table: estimates, standard errors, t, p, and the fit's summary measures.
    public static func table(_ fit: LinearFit) -> String {
        let names = fit.parameterNames
        let width = max(8, names.map(\.count).max() ?? 8)
        func pad(_ s: String, _ w: Int) -> String { TerminalText.padLeft(s, to: w) }
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
}
