"""Reference values for TrendsTests/StatsmodelsTrendTests.swift.

Run from this folder:  python3 trend_families.py
(statsmodels 0.15.0, numpy 2.4.6, pandas 3.1.1.) Each family is statsmodels OLS on the transformed
response with Pathways' time variable t = year - (last fitted year); prediction intervals come from
get_prediction(...).summary_frame(alpha) for a new observation (obs_ci_*), mapped back through the inverse
transform. Prints Swift literals.
"""
import csv
import numpy as np
import statsmodels.api as sm

def panel(region, indicator):
    rows = [r for r in csv.DictReader(open("../panels/province-panel.csv", encoding="utf-8"))
            if r["region"] == region and r["indicator"] == indicator]
    rows.sort(key=lambda r: int(r["year"]))
    return [int(r["year"]) for r in rows], [float(r["value"]) for r in rows]

# Linhai GDP, 100 million yuan, from Linhai government work reports and the 2018 statistical bulletin
# (see Scenarios/linhai-2025/history.csv for the source of each row).
LINHAI_GDP = ([2013, 2015, 2016, 2018, 2021, 2022, 2024], [420.4, 463.5, 515.6, 670.92, 819.9, 878.5, 971.68])

SERIES = {
    "zhejiangUrbanization": panel("浙江", "urbanization_rate"),
    "zhejiangIncome": panel("浙江", "all_residents_per_capita_disposable_income"),
    "linhaiGDP": LINHAI_GDP,
}
FUTURE = [2025, 2026, 2027, 2028, 2029, 2030]

def design(family, years, shifts=(), phi=None, origin=None):
    """Regressors for `years`; t = year - origin, origin the last fitted year; damping counts from the first."""
    last, first = origin if origin else years[-1], years[0]
    t = np.array([y - last for y in years], dtype=float)
    if family == "damped":
        s = np.array([y - first for y in years], dtype=float)
        cols = [(1 - phi ** s) / (1 - phi)]
    elif family.startswith("polynomial"):
        cols = [t ** k for k in range(1, int(family[-1]) + 1)]
    else:
        cols = [t]
    cols += [np.array([1.0 if y >= sy else 0.0 for y in years]) for sy in shifts]
    return sm.add_constant(np.column_stack(cols), has_constant="add")

def transform(family, cap):
    if family in ("compound", "damped"):
        return np.log, np.exp
    if family == "logistic":
        return (lambda y: np.log(y / (cap - y))), (lambda z: cap / (1 + np.exp(-z)))
    return (lambda y: y), (lambda z: z)

CASES = [
    ("linear", "zhejiangUrbanization", {}),
    ("linear", "zhejiangUrbanization", {"shifts": (2020,)}),
    ("compound", "zhejiangIncome", {}),
    ("compound", "linhaiGDP", {}),
    ("polynomial2", "zhejiangUrbanization", {}),
    ("polynomial3", "linhaiGDP", {}),
    ("logistic", "zhejiangUrbanization", {"cap": 100.0}),
    ("damped", "zhejiangIncome", {"phi": 0.9}),
    ("linear", "linhaiGDP", {}),
]

def lit(v):
    return "[" + ", ".join(repr(float(x)) for x in np.atleast_1d(v)) + "]"

print("static let cases: [Case] = [")
for family, name, opts in CASES:
    years, values = SERIES[name]
    fwd, inv = transform(family, opts.get("cap"))
    X = design(family, years, opts.get("shifts", ()), opts.get("phi"))
    res = sm.OLS(fwd(np.array(values)), X).fit()
    Xf = design(family, years + FUTURE, opts.get("shifts", ()), opts.get("phi"), origin=years[-1])[len(years):]
    f80 = res.get_prediction(Xf).summary_frame(alpha=0.20)
    f95 = res.get_prediction(Xf).summary_frame(alpha=0.05)
    print(f'    Case(family: "{family}", series: "{name}", shifts: {list(opts.get("shifts", ()))}, '
          f'cap: {opts.get("cap", "nil")}, phi: {opts.get("phi", "nil")},')
    print(f"         parameters: {lit(res.params)},")
    print(f"         standardErrors: {lit(res.bse)},")
    print(f"         point: {lit(inv(f95['mean']))},")
    print(f"         lower80: {lit(inv(f80['obs_ci_lower']))}, upper80: {lit(inv(f80['obs_ci_upper']))},")
    print(f"         lower95: {lit(inv(f95['obs_ci_lower']))}, upper95: {lit(inv(f95['obs_ci_upper']))}),")
# drift: OLS without intercept of dy/sqrt(g) on sqrt(g) (g = years between observations); the h-step
# interval is y_T + h c ± t(df) sqrt(h s² + h² se(c)²), df = m - 1 for m changes.
from scipy.stats import t as student_t
for name in ["linhaiGDP", "zhejiangIncome"]:
    years, values = SERIES[name]
    g = np.diff(years).astype(float); dy = np.diff(values)
    res = sm.OLS(dy / np.sqrt(g), np.sqrt(g)).fit()
    c, se, s2, df = res.params[0], res.bse[0], res.scale, res.df_resid
    h = np.array(FUTURE, dtype=float) - years[-1]
    sd = np.sqrt(h * s2 + h * h * se * se)
    point = values[-1] + h * c
    q80, q95 = student_t.ppf(0.9, df), student_t.ppf(0.975, df)
    print(f'    Case(family: "drift", series: "{name}", shifts: [], cap: nil, phi: nil,')
    print(f"         parameters: {lit(res.params)},")
    print(f"         standardErrors: {lit(res.bse)},")
    print(f"         point: {lit(point)},")
    print(f"         lower80: {lit(point - q80 * sd)}, upper80: {lit(point + q80 * sd)},")
    print(f"         lower95: {lit(point - q95 * sd)}, upper95: {lit(point + q95 * sd)}),")
print("]")
