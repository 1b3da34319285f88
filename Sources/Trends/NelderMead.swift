/// Nelder–Mead simplex minimization inside a box (Nelder & Mead 1965; the reflection, expansion, contraction
/// and shrink coefficients 1, 2, ½, ½ of R's `optim` and `forecast`'s `etsNelderMead`). Trial points are
/// projected onto the box, so every evaluated point is feasible.
enum NelderMead {
    struct Result {
        let point: [Double]
        let value: Double
        let evaluations: Int
    }

    /// Minimizes `f` from `start` within `box`; stops when the simplex's values agree to `tolerance`
    /// (relative, as R's `reltol`, default √ε) or after `maximumEvaluations`.
    static func minimize(_ f: ([Double]) -> Double, from start: [Double], within box: [ClosedRange<Double>],
                         tolerance: Double = 1.5e-8, maximumEvaluations: Int = 1000) -> Result {
        let d = start.count
        precondition(box.count == d, "one range per coordinate")
        func project(_ x: [Double]) -> [Double] { (0..<d).map { min(max(x[$0], box[$0].lowerBound), box[$0].upperBound) } }
        var evaluations = 0
        func value(_ x: [Double]) -> Double { evaluations += 1; return f(x) }
        var simplex = [project(start)]
        for i in 0..<d {
            var x = simplex[0]
            let step = 0.1 * (box[i].upperBound - box[i].lowerBound)
            x[i] = x[i] + step <= box[i].upperBound ? x[i] + step : x[i] - step
            simplex.append(x)
        }
        var values = simplex.map(value)
        func combine(_ a: [Double], _ b: [Double], _ t: Double) -> [Double] { project((0..<d).map { a[$0] + t * (b[$0] - a[$0]) }) }
        while evaluations < maximumEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let (best, worst) = (values[0], values[d])
            if abs(worst - best) <= tolerance * (abs(best) + tolerance) { break }
            var centroid = [Double](repeating: 0, count: d)
            for x in simplex.dropLast() { for j in 0..<d { centroid[j] += x[j] / Double(d) } }
            let reflected = combine(centroid, simplex[d], -1)
            let fr = value(reflected)
            if fr < values[0] {
                let expanded = combine(centroid, simplex[d], -2)
                let fe = value(expanded)
                (simplex[d], values[d]) = fe < fr ? (expanded, fe) : (reflected, fr)
            } else if fr < values[d - 1] {
                (simplex[d], values[d]) = (reflected, fr)
            } else {
                let outside = fr < values[d]
                let contracted = combine(centroid, outside ? reflected : simplex[d], 0.5)
                let fc = value(contracted)
                if fc < min(fr, values[d]) {
                    (simplex[d], values[d]) = (contracted, fc)
                } else {
                    for i in 1...d {
                        simplex[i] = combine(simplex[0], simplex[i], 0.5)
                        values[i] = value(simplex[i])
                    }
                }
            }
        }
        let k = values.indices.min { values[$0] < values[$1] }!
        return Result(point: simplex[k], value: values[k], evaluations: evaluations)
    }
}
