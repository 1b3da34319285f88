"""W-FILE peer: what `pathways trend --csv F --indicator all --horizon 5 --format csv > OUT` does, as a plain
pandas + numpy script, from the same file to the same rows.

usage: python3 wfile_pandas.py IN.csv OUT.csv linear|best
IN.csv is a long table indicator,year,value (every series observed in the same years). The script reads it
with pandas, pivots it to a series x year matrix (series in first-seen order), fits every series with one
batched QR per family (linear: y = a + b t; compound: log y = a + b t; t = year - last year), and writes
indicator,year,family,mean,lo80,hi80,lo95,hi95 for the 5 years after the last, intervals from Student's t with
the leverage of the new point (compound back-transformed: medians), bounded below at 0 for positive series.
`best` fits both families and keeps the one of lower AICc (on the original scale) per series: the peer of
`--model auto` in the issue. The whole process is timed by the caller, imports included.
"""
import sys

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

path, out, model = sys.argv[1], sys.argv[2], sys.argv[3]
HORIZON = 5

frame = pd.read_csv(path)
order = pd.unique(frame["indicator"])
wide = frame.pivot(index="indicator", columns="year", values="value").reindex(order)
years = wide.columns.to_numpy()
Y = wide.to_numpy().T  # years x series
n, m = Y.shape
t = (years - years[-1]).astype(float)
tf = np.arange(1, HORIZON + 1, dtype=float)
X = np.column_stack([np.ones(n), t])
Xf = np.column_stack([np.ones(HORIZON), tf])
Q, R = np.linalg.qr(X)
Rinv = np.linalg.inv(R)
xtx_inv = Rinv @ Rinv.T
leverage = ((Xf @ xtx_inv) * Xf).sum(1)
df = n - 2
q80, q95 = student_t.ppf(0.9, df), student_t.ppf(0.975, df)
positive = (Y > 0).all(0)


def fit(Z):
    B = Rinv @ (Q.T @ Z)
    resid = Z - X @ B
    ssr = (resid ** 2).sum(0)
    s2 = ssr / df
    mean = Xf @ B
    se = np.sqrt(np.outer(1 + leverage, s2))
    return mean, se, ssr


def aicc(ssr, jacobian):
    llf = -n / 2 * (np.log(2 * np.pi) + np.log(ssr / n) + 1) + jacobian
    k = 3
    return -2 * llf + 2 * k + 2 * k * (k + 1) / (n - k - 1)


mean, se, ssr = fit(Y)
family = np.full(m, "linear", dtype=object)
bounds = [mean - q80 * se, mean + q80 * se, mean - q95 * se, mean + q95 * se]
point = mean
if model == "best":
    logY = np.log(np.where(positive, Y, 1.0))
    lmean, lse, lssr = fit(logY)
    use = positive & (aicc(lssr, -logY.sum(0)) < aicc(ssr, 0.0))
    family[use] = "compound"
    point = np.where(use, np.exp(lmean), mean)
    for k, (sign, q) in enumerate([(-1, q80), (1, q80), (-1, q95), (1, q95)]):
        bounds[k] = np.where(use, np.exp(lmean + sign * q * lse), bounds[k])
point = np.where(positive, np.maximum(point, 0), point)
bounds = [np.where(positive, np.maximum(b, 0), b) for b in bounds]

rows = pd.DataFrame({
    "indicator": np.repeat(order, HORIZON),
    "year": np.tile(years[-1] + tf.astype(int), m),
    "family": np.repeat(family, HORIZON),
    "mean": point.T.ravel(),
    "lo80": bounds[0].T.ravel(), "hi80": bounds[1].T.ravel(),
    "lo95": bounds[2].T.ravel(), "hi95": bounds[3].T.ravel(),
})
rows.to_csv(out, index=False)
