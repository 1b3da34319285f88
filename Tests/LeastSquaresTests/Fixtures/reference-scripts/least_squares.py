"""Reference values for LeastSquaresTests/StatsmodelsReferenceTests.swift.

Run from this folder:  python3 least_squares.py
(statsmodels 0.15.0, numpy 2.4.6, pandas 3.1.1 were used.) Prints Swift literals.
"""
import numpy as np
import statsmodels.api as sm

data = np.loadtxt("../nist-strd/Norris.csv", delimiter=",", skiprows=1)
y, x = data[:, 0], data[:, 1]
X = sm.add_constant(x)
w = 1.0 + (np.arange(len(y)) % 3)
new = sm.add_constant(np.array([0.0, 500.0, 1000.0]), has_constant="add")

def lit(v):
    return "[" + ", ".join(repr(float(t)) for t in np.atleast_1d(v)) + "]"

for label, res in [("ols", sm.OLS(y, X).fit()), ("wls", sm.WLS(y, X, weights=w).fit())]:
    pred = res.get_prediction(new).summary_frame(alpha=0.05)
    print(f"// {label}")
    print(f"static let {label}Parameters = {lit(res.params)}")
    print(f"static let {label}StandardErrors = {lit(res.bse)}")
    print(f"static let {label}Scalars = {lit([res.llf, res.aic, res.bic, res.rsquared, res.rsquared_adj, res.ssr, np.sqrt(res.scale)])}  // llf, aic, bic, R2, adjR2, ssr, s")
    print(f"static let {label}PValues = {lit(res.pvalues)}")
    print(f"static let {label}PredictionMean = {lit(pred['mean'])}")
    print(f"static let {label}PredictionMeanSE = {lit(pred['mean_se'])}")
    print(f"static let {label}MeanCI95 = {lit(np.column_stack([pred['mean_ci_lower'], pred['mean_ci_upper']]).ravel())}")
    print(f"static let {label}ObsCI95 = {lit(np.column_stack([pred['obs_ci_lower'], pred['obs_ci_upper']]).ravel())}")
