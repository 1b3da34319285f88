"""W-FIT peer: the same work as `pathways-bench fit`, vectorized with numpy (one QR per family design).

usage: python3 wfit_numpy.py SERIES.f64 COUNT
SERIES.f64 holds COUNT series x 15 years (2006-2020) as little-endian float64, series after series.
For each series: linear, compound (log), polynomial2 on the raw values and logistic with cap 100 (logit);
parameters, standard errors, AICc on the original scale, point and 95% prediction intervals for 2021-2025.
Prints the elapsed time (best of 3) and `numpy <rate> series/s`.
"""
import sys
import time

import numpy as np
from scipy.linalg import solve_triangular
from scipy.stats import t as student_t

path, count = sys.argv[1], int(sys.argv[2])
Y = np.fromfile(path, dtype="<f8").reshape(count, 15).T  # 15 x count
n = Y.shape[0]
t = np.arange(2006, 2021) - 2020.0
tf = np.arange(2021, 2026) - 2020.0
CAP = 100.0

# (name, degree, transform, inverse, log-Jacobian of the transform summed per series given y and z)
FAMILIES = [
    ("linear", 1, lambda y: y, lambda z: z, lambda y, z: np.zeros(y.shape[1])),
    ("compound", 1, np.log, np.exp, lambda y, z: -z.sum(0)),
    ("polynomial2", 2, lambda y: y, lambda z: z, lambda y, z: np.zeros(y.shape[1])),
    ("logistic", 1, lambda y: np.log(y / (CAP - y)), lambda z: CAP / (1 + np.exp(-z)),
     lambda y, z: n * np.log(CAP) - np.log(y * (CAP - y)).sum(0)),
]


def work():
    out = {}
    for name, degree, forward, inverse, log_jacobian in FAMILIES:
        X = np.vander(t, degree + 1, increasing=True)
        Xf = np.vander(tf, degree + 1, increasing=True)
        p = X.shape[1]
        Z = forward(Y)
        Q, R = np.linalg.qr(X)
        B = solve_triangular(R, Q.T @ Z)
        resid = Z - X @ B
        ssr = (resid ** 2).sum(0)
        df = n - p
        s2 = ssr / df
        Rinv = solve_triangular(R, np.eye(p))
        xtx_inv = Rinv @ Rinv.T
        se = np.sqrt(np.outer(np.diag(xtx_inv), s2))
        llf = -n / 2 * (np.log(2 * np.pi) + np.log(ssr / n) + 1) + log_jacobian(Y, Z)
        k = p + 1
        aicc = -2 * llf + 2 * k + 2 * k * (k + 1) / (n - k - 1)
        mean = Xf @ B
        leverage = ((Xf @ xtx_inv) * Xf).sum(1)
        se_obs = np.sqrt(np.outer(1 + leverage, s2))
        q = student_t.ppf(0.975, df)
        out[name] = (B, se, aicc, inverse(mean), inverse(mean - q * se_obs), inverse(mean + q * se_obs))
    return out


best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    result = work()
    best = min(best, time.perf_counter() - start)
checksum = sum(float(v[3][-1, -1]) for v in result.values())
print(f"  numpy elapsed {best:.3f} s (checksum {checksum:.6g})")
print(f"numpy {count / best:.0f} series/s")
