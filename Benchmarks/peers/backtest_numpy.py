"""W-BACKTEST peer: what `pathways backtest --csv F --methods linear compound polynomial2 polynomial3 drift naive
--format csv` does, as a plain pandas + numpy script, from the same file to the same table.

usage: python3 backtest_numpy.py IN.csv OUT.csv
IN.csv is a long table indicator,year,value (every series observed in the same years). The script reads it with
pandas, pivots it to a year x series matrix, and at every origin with at least 6 training points fits every
series at once per family, one batched QR per family and origin:
  linear, polynomial2, polynomial3: y on 1, t, t^2, t^3 (t = year - origin year), Student-t prediction intervals
      with the leverage of each target year;
  compound: the same on log y (positive series only), medians and intervals back-transformed;
  drift: y_o + h (y_o - y_0) / (n - 1), sd of the differences about their mean, se sqrt(h (1 + h / (n - 1)))
      (R forecast's rwf(drift = TRUE)) with Student-t quantiles on n - 2 degrees of freedom, as Pathways;
  naive: y_o, se sqrt(h) times the root mean square difference (rwf), Student t on n - 1 degrees of freedom.
Forecasts of positive series are bounded below at 0, as Pathways bounds them. Each forecast 1-5 years ahead of
the origin is scored against the observed value: sMAPE, MASE (scale: mean absolute change over the training
years), MSIS at 95%, and the coverage of the 80% and 95% intervals, by family and horizon and over all
horizons, written as method,horizon,forecasts,smape,mase,msis,coverage80,coverage95. The whole process is timed
by the caller, imports included.
"""
import sys

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

path, out = sys.argv[1], sys.argv[2]
HORIZON, MINIMUM = 5, 6

frame = pd.read_csv(path)
order = pd.unique(frame["indicator"])
wide = frame.pivot(index="indicator", columns="year", values="value").reindex(order)
years = wide.columns.to_numpy()
Y = wide.to_numpy().T  # years x series
n, m = Y.shape
positive = (Y > 0).all(0)
logY = np.log(np.where(Y > 0, Y, 1.0))
families = ["linear", "compound", "polynomial2", "polynomial3", "drift", "naive"]
degree = {"linear": 1, "compound": 1, "polynomial2": 2, "polynomial3": 3}
# Per family and horizon: lists of the scored arrays (one per origin).
scores = {(f, h): [] for f in families for h in range(1, HORIZON + 1)}


def regression(Z, o, p, targets):
    """Point forecasts and prediction standard errors of Z[0..o] regressed on 1, t, ..., t^p."""
    t = (years[: o + 1] - years[o]).astype(float)
    X = np.vander(t, p + 1, increasing=True)
    Q, R = np.linalg.qr(X)
    B = np.linalg.solve(R, Q.T @ Z[: o + 1])
    df = o + 1 - (p + 1)
    s2 = ((Z[: o + 1] - X @ B) ** 2).sum(0) / df
    tf = (years[targets] - years[o]).astype(float)
    Xf = np.vander(tf, p + 1, increasing=True)
    W = np.linalg.solve(R.T, Xf.T)  # leverage x (R^T R)^-1 x^T = |R^-T x|^2
    leverage = (W ** 2).sum(0)
    return Xf @ B, np.sqrt(np.outer(1 + leverage, s2)), df


for o in range(MINIMUM - 1, n - 1):
    targets = [i for i in range(o + 1, n) if years[i] - years[o] <= HORIZON]
    if not targets:
        continue
    actual = Y[targets]
    train = Y[: o + 1]
    scale = np.abs(np.diff(train, axis=0)).mean(0)
    h = (years[targets] - years[o]).astype(float)[:, None]
    for family in families:
        if family in degree:
            p = degree[family]
            if o + 1 - (p + 1) < 1:
                continue
            Z = logY if family == "compound" else Y
            mean, se, df = regression(Z, o, p, targets)
            q80, q95 = student_t.ppf(0.9, df), student_t.ppf(0.975, df)
            bounds = [mean - q80 * se, mean + q80 * se, mean - q95 * se, mean + q95 * se]
            if family == "compound":
                mean, bounds = np.exp(mean), [np.exp(b) for b in bounds]
            use = positive if family == "compound" else np.ones(m, dtype=bool)
        else:
            d = np.diff(train, axis=0)
            if family == "drift":
                slope = (train[-1] - train[0]) / o
                mean = train[-1] + h * slope
                sigma = d.std(0, ddof=1)
                se = sigma * np.sqrt(h * (1 + h / o))
                df = o - 1
            else:
                mean = np.repeat(train[-1:], len(targets), axis=0)
                se = np.sqrt((d ** 2).mean(0)) * np.sqrt(h)
                df = o
            q80, q95 = student_t.ppf(0.9, df), student_t.ppf(0.975, df)
            bounds = [mean - q80 * se, mean + q80 * se, mean - q95 * se, mean + q95 * se]
            use = np.ones(m, dtype=bool)
        mean = np.where(positive, np.maximum(mean, 0), mean)
        bounds = [np.where(positive, np.maximum(b, 0), b) for b in bounds]
        lo80, hi80, lo95, hi95 = bounds
        smape = 200 * np.abs(actual - mean) / (np.abs(actual) + np.abs(mean))
        mase = np.abs(actual - mean) / scale
        msis = (hi95 - lo95 + 40 * (np.maximum(0, lo95 - actual) + np.maximum(0, actual - hi95))) / scale
        c80 = (actual >= lo80) & (actual <= hi80)
        c95 = (actual >= lo95) & (actual <= hi95)
        for k, hk in enumerate(h[:, 0].astype(int)):
            scores[(family, hk)].append((smape[k][use], mase[k][use], msis[k][use], c80[k][use], c95[k][use]))

rows = []
for family in families:
    every = []
    for hk in range(1, HORIZON + 1):
        parts = scores[(family, hk)]
        every += parts
        if parts:
            cols = [np.concatenate([p[j] for p in parts]) for j in range(5)]
            rows.append((family, hk, len(cols[0]), *[c.mean() for c in cols]))
    if every:
        cols = [np.concatenate([p[j] for p in every]) for j in range(5)]
        rows.append((family, "", len(cols[0]), *[c.mean() for c in cols]))
pd.DataFrame(rows, columns=["method", "horizon", "forecasts", "smape", "mase", "msis", "coverage80", "coverage95"]).to_csv(out, index=False)
