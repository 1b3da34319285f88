#!/usr/bin/env python3
"""Reference values for StudentTTests, NormalTests and RandomStreamTests.

Each subcommand prints a Swift array literal that is pasted into the test file under a comment naming
the command. Values come from scipy (checked with scipy 1.17.1) and are cross-checked against mpmath
(1.3.0) at 50 significant digits:

  * t:      mpmath.betainc(nu/2, 1/2, 0, nu/(nu+t^2), regularized=True)/2 for the tail beyond |t|;
  * normal: mpmath.ncdf;
  * quantiles: mpmath.findroot on the tail (in logarithms) or on the centred probability, bracketed
    around scipy's answer.

Every argument is the exact double written in the table, converted exactly to mpmath. When scipy and
mpmath differ by more than 1e-14 (relative), the mpmath value is used and the row is marked
`// mpmath; scipy gave ...`. Values are printed with 17 significant digits (repr of the nearest double).

Usage:
  python3 distributions.py student-t-cdf | student-t-deep-tail | student-t-quantile | student-t-density
  python3 distributions.py normal-cdf | normal-quantile | normal-density | normal-shifted
  python3 distributions.py ziggurat | normal-tail-frequencies | special-functions
"""
import sys

import mpmath as mp
from scipy import stats

mp.mp.dps = 50
HALF = mp.mpf(1) / 2

T_DEGREES = [1, 2, 2.5, 3, 5, 10, 30, 100, 1000, 10000]
T_POINTS = [-40, -10, -3, -1, -0.1, -1e-8, 0.5, 1.5, 2, 5, 20, 40]
PROBABILITIES = [1e-12, 1e-6, 0.001, 0.025, 0.1, 0.4, 0.4999999, 0.5, 0.6, 0.975, 0.999999]
NORMAL_POINTS = [-37, -30, -20, -10, -5, -3, -1.96, -1, -0.5, -1e-3, 0, 1e-8, 0.3, 1, 1.96, 3, 8, 15, 25, 37]
NORMAL_PROBABILITIES = [1e-300, 1e-100, 1e-20] + PROBABILITIES + [0.9999999999999999]


def number(value):
    """17 significant digits of the double nearest `value`."""
    return "%.17g" % float(value)


def argument(value):
    """An argument as the shortest literal that reads back as the same double (Swift syntax)."""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace("e-0", "e-").replace("e+0", "e+")


def choose(scipy_value, mpmath_value):
    """The scipy value unless it is more than 1e-14 away from mpmath; then mpmath, with a note."""
    exact = mpmath_value
    if exact == 0:
        agree = scipy_value == 0
    else:
        agree = abs(mp.mpf(scipy_value) - exact) / abs(exact) <= mp.mpf("1e-14")
    if agree:
        return number(scipy_value), ""
    return number(exact), "mpmath; scipy gave %s" % number(scipy_value)


def t_tail(nu, s):
    """P(T > s) for s >= 0, to 50 digits."""
    nu = mp.mpf(nu)
    s = mp.mpf(s)
    return mp.betainc(nu / 2, HALF, 0, nu / (nu + s * s), regularized=True) / 2


def t_central(nu, s):
    """P(0 < T < s) for s >= 0, to 50 digits."""
    nu = mp.mpf(nu)
    s = mp.mpf(s)
    return mp.betainc(HALF, nu / 2, 0, s * s / (nu + s * s), regularized=True) / 2


def t_cdf(nu, t):
    s = abs(mp.mpf(t))
    return t_tail(nu, s) if t < 0 else HALF + t_central(nu, s)


def upper_quantile(tail, central, p, start):
    """The s > 0 with tail(s) = p for 0 < p < 1/2 (p exact), by bracketed root finding."""
    p = mp.mpf(p)
    if p >= mp.mpf(0.25):
        c = HALF - p
        f = lambda s: central(s) - c
    else:
        f = lambda s: mp.log(tail(s)) - mp.log(p)
    lo = mp.mpf(start) * (1 - mp.mpf("1e-6"))
    hi = mp.mpf(start) * (1 + mp.mpf("1e-6"))
    increasing = p >= mp.mpf(0.25)
    while not ((f(lo) < 0 < f(hi)) if increasing else (f(lo) > 0 > f(hi))):
        lo /= 1.5
        hi *= 1.5
    return mp.findroot(f, (lo, hi), solver="anderson")


def quantile(tail, central, p, scipy_quantile):
    """The quantile at the double p, to 50 digits, using 1 - p (exact for p > 1/2) by symmetry."""
    if p == 0.5:
        return mp.mpf(0)
    if p < 0.5:
        return -upper_quantile(tail, central, p, -scipy_quantile)
    return upper_quantile(tail, central, 1 - p, scipy_quantile)


def student_t_cdf():
    print("[")
    for nu in T_DEGREES:
        for t in T_POINTS:
            cdf_exact = t_cdf(nu, t)
            sf_exact = t_cdf(nu, -t)
            if min(cdf_exact, sf_exact) < mp.mpf("1e-300"):
                continue
            cdf, cdf_note = choose(stats.t.cdf(t, nu), cdf_exact)
            sf, sf_note = choose(stats.t.sf(t, nu), sf_exact)
            note = "; ".join(n for n in [cdf_note and "cdf " + cdf_note, sf_note and "sf " + sf_note] if n)
            print("    (%s, %s, %s, %s),%s" % (argument(nu), argument(t), cdf, sf, "  // " + note if note else ""))
    print("]")


def student_t_deep_tail():
    """t where the tail is about 1e-300 (rounded to 4 digits), with the tail there."""
    print("[")
    for nu in T_DEGREES:
        s = upper_quantile(lambda x: t_tail(nu, x), lambda x: t_central(nu, x), 1e-300, 1e20 if nu < 3 else 40)
        t = float(mp.nstr(s, 4))
        sf_exact = t_tail(nu, t)
        if sf_exact < mp.mpf("1e-300"):
            t = float(mp.nstr(s * (1 - mp.mpf("1e-3")), 4))
            sf_exact = t_tail(nu, t)
        sf, note = choose(stats.t.sf(t, nu), sf_exact)
        print("    (%s, %s, %s),%s" % (argument(nu), argument(t), sf, "  // " + note if note else ""))
    print("]")


def student_t_quantile():
    print("[")
    for nu in T_DEGREES:
        for p in PROBABILITIES:
            exact = quantile(lambda x: t_tail(nu, x), lambda x: t_central(nu, x), p, stats.t.ppf(p, nu))
            value, note = choose(stats.t.ppf(p, nu), exact)
            print("    (%s, %s, %s),%s" % (argument(nu), argument(p), value, "  // " + note if note else ""))
    print("]")


def student_t_density():
    print("[")
    for nu in T_DEGREES:
        for t in [0, 1.5, -7, 30]:
            n = mp.mpf(nu)
            x = mp.mpf(t)
            exact = mp.exp(mp.loggamma((n + 1) / 2) - mp.loggamma(n / 2)) / mp.sqrt(n * mp.pi) \
                * (1 + x * x / n) ** (-(n + 1) / 2)
            value, note = choose(stats.t.pdf(t, nu), exact)
            print("    (%s, %s, %s),%s" % (argument(nu), argument(t), value, "  // " + note if note else ""))
    print("]")


def normal_cdf():
    print("[")
    for x in NORMAL_POINTS:
        cdf, cdf_note = choose(stats.norm.cdf(x), mp.ncdf(mp.mpf(x)))
        sf, sf_note = choose(stats.norm.sf(x), mp.ncdf(-mp.mpf(x)))
        note = "; ".join(n for n in [cdf_note and "cdf " + cdf_note, sf_note and "sf " + sf_note] if n)
        print("    (%s, %s, %s),%s" % (argument(x), cdf, sf, "  // " + note if note else ""))
    print("]")


def normal_quantile():
    print("[")
    for p in NORMAL_PROBABILITIES:
        exact = quantile(lambda s: mp.ncdf(-s), lambda s: mp.ncdf(s) - HALF, p, stats.norm.ppf(p))
        value, note = choose(stats.norm.ppf(p), exact)
        print("    (%s, %s),%s" % (argument(p), value, "  // " + note if note else ""))
    print("]")


def normal_density():
    print("[")
    for x in [0, 0.5, -1, 2.5, -10, 20, 37]:
        value, note = choose(stats.norm.pdf(x), mp.npdf(mp.mpf(x)))
        print("    (%s, %s),%s" % (argument(x), value, "  // " + note if note else ""))
    print("]")


def normal_shifted():
    """mean, sd, x, cdf, sf, pdf, and the quantile at p = 0.975 and 1e-10, for (x - mean)/sd exact."""
    print("[")
    for mean, sd, x in [(100, 16, 20), (100, 16, 180), (-3, 0.5, -2.25), (1e6, 1024, 1e6 - 9 * 1024)]:
        z = (mp.mpf(x) - mean) / sd
        cdf, n1 = choose(stats.norm.cdf(x, mean, sd), mp.ncdf(z))
        sf, n2 = choose(stats.norm.sf(x, mean, sd), mp.ncdf(-z))
        pdf, n3 = choose(stats.norm.pdf(x, mean, sd), mp.npdf(z) / sd)
        note = "; ".join(n for n in [n1, n2, n3] if n)
        print("    (%s, %s, %s, %s, %s, %s),%s" % (argument(mean), argument(sd), argument(x), cdf, sf, pdf,
                                                 "  // " + note if note else ""))
    print("]")


def ziggurat():
    """The 256-layer ziggurat's r and v (Marsaglia & Tsang 2000), solved at 50 digits."""
    n = 256
    f = lambda x: mp.exp(-x * x / 2)

    def closure(r):
        v = r * f(r) + mp.sqrt(mp.pi / 2) * mp.erfc(r / mp.sqrt(2))
        x = r
        for _ in range(1, n - 1):
            height = f(x) + v / x
            if height >= 1:
                return mp.mpf(1)
            x = mp.sqrt(-2 * mp.log(height))
        return f(x) + v / x - 1

    lo, hi = mp.mpf(3), mp.mpf(4)
    for _ in range(200):
        mid = (lo + hi) / 2
        if closure(mid) > 0:
            lo = mid
        else:
            hi = mid
    r = (lo + hi) / 2
    v = r * f(r) + mp.sqrt(mp.pi / 2) * mp.erfc(r / mp.sqrt(2))
    print("r = %s, v = %s" % (mp.nstr(r, 20), mp.nstr(v, 20)))


def normal_tail_frequencies():
    """P(|Z| > 3), P(|Z| > r) for the ziggurat's r, and E[Z | Z > r]."""
    r = mp.mpf("3.6541528853610088")
    print("P(|Z| > 3) = %s" % number(2 * mp.ncdf(-3)))
    print("P(|Z| > r) = %s" % number(2 * mp.ncdf(-r)))
    print("E[Z | Z > r] = %s" % number(mp.npdf(r) / mp.ncdf(-r)))


def special_functions():
    """log B(a, b) and I_x(a, b) at 50 digits (mpmath.beta, mpmath.betainc), against scipy.special."""
    from scipy import special
    print("log-beta [")
    for a, b in [(0.5, 0.5), (0.5, 1.5), (2.5, 3.5), (0.5, 12), (5000, 0.5), (500000, 0.5), (20, 30), (1e4, 2e4), (7, 1e6)]:
        exact = mp.log(mp.beta(mp.mpf(a), mp.mpf(b)))
        value, note = choose(special.betaln(a, b), exact)
        print("    (%s, %s, %s),%s" % (argument(a), argument(b), value, "  // " + note if note else ""))
    print("]")
    print("incomplete-beta [")
    for a, b, x in [(2, 5, 0.3), (0.5, 0.5, 0.01), (50, 0.5, 0.9), (0.5, 50, 0.001), (30, 40, 0.42), (5000, 0.5, 0.9995), (1, 1, 0.625)]:
        exact = mp.betainc(mp.mpf(a), mp.mpf(b), 0, mp.mpf(x), regularized=True)
        value, note = choose(special.betainc(a, b, x), exact)
        complement = mp.betainc(mp.mpf(a), mp.mpf(b), mp.mpf(x), 1, regularized=True)
        cvalue, cnote = choose(special.betaincc(a, b, x), complement)
        note = "; ".join(n for n in [note, cnote and "complement " + cnote] if n)
        print("    (%s, %s, %s, %s, %s),%s" % (argument(a), argument(b), argument(x), value, cvalue,
                                             "  // " + note if note else ""))
    print("]")


COMMANDS = {
    "special-functions": special_functions,
    "student-t-cdf": student_t_cdf,
    "student-t-deep-tail": student_t_deep_tail,
    "student-t-quantile": student_t_quantile,
    "student-t-density": student_t_density,
    "normal-cdf": normal_cdf,
    "normal-quantile": normal_quantile,
    "normal-density": normal_density,
    "normal-shifted": normal_shifted,
    "ziggurat": ziggurat,
    "normal-tail-frequencies": normal_tail_frequencies,
}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]]()
