#include "trend_kernel.h"
#include <float.h>
#include <math.h>
#include <string.h>

// Every variant must round exactly alike: no a*b+c contracted into an FMA where one is available.
#pragma clang fp contract(off)

typedef double v8d __attribute__((vector_size(64)));
typedef unsigned long long v8u __attribute__((vector_size(64)));
typedef long long v8i __attribute__((vector_size(64)));

#define PW_INLINE static inline __attribute__((always_inline))

static const double two_pi = 6.28318530717958647692;

/// Natural logarithm of lanes that are all normal, positive and finite: fdlibm's e_log.c (Sun
/// Microsystems, 1993) — reduction to 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2), log(1 + f) from
/// s = f / (2 + f) and a degree-14 polynomial; below 1 ulp. Vector pointers, not values: a vector
/// argument's ABI would depend on the caller's target.
PW_INLINE void vector_log(v8d *x) {
    const v8u bits = (v8u)*x;
    v8u high = (bits >> 32) + (0x3ff00000 - 0x3fe6a09e);
    // k as a double by the 2^52 trick, with no integer conversion.
    const v8d k = (v8d)((high >> 20) | 0x4330000000000000ULL) - (0x1p52 + 1023.0);
    high = (high & 0x000fffff) + 0x3fe6a09e;
    const v8d f = (v8d)((high << 32) | (bits & 0xffffffffULL)) - 1.0;
    const v8d hfsq = 0.5 * f * f;
    const v8d s = f / (2.0 + f);
    const v8d z = s * s, w = z * z;
    const v8d t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
    const v8d t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01 + w * (1.818357216161805012e-01
                   + w * 1.479819860511658591e-01)));
    *x = s * (hfsq + (t2 + t1)) + k * 1.90821492927058770002e-10 - hfsq + f + k * 6.93147180369123816490e-01;
}

/// exp of lanes with |x| < 708: fdlibm's e_exp.c — x = k ln2 + r, exp(r) from a degree-10 rational
/// approximation, scaled by 2^k through the exponent bits; below 1 ulp. Other lanes get libm's exp.
PW_INLINE void vector_exp(v8d *px) {
    const v8d x = *px;
    const v8d magnitude = (v8d)((v8u)x & 0x7fffffffffffffffULL);
    if (!__builtin_reduce_and(magnitude < 708.0)) {
        for (int k = 0; k < PW_LANES; k++) (*px)[k] = exp(x[k]);
        return;
    }
    const v8d shifted = x * 1.44269504088896338700e+00 + 0x1.8p52;  // round(x/ln2) in the low bits
    const v8d k = shifted - 0x1.8p52;
    const v8d hi = x - k * 6.93147180369123816490e-01;
    const v8d lo = k * 1.90821492927058770002e-10;
    const v8d r = hi - lo;
    const v8d rr = r * r;
    const v8d c = r - rr * (1.66666666666666019037e-01 + rr * (-2.77777777770155933842e-03 + rr * (6.61375632143793436117e-05
                  + rr * (-1.65339022054652515390e-06 + rr * 4.13813679705723846039e-08))));
    const v8d y = 1.0 + (r * c / (2.0 - c) - lo + hi);
    *px = y * (v8d)((((v8u)shifted) + 1023) << 52);
}

/// log of lanes, any of which may be outside the vector routine's domain: those get libm's log.
PW_INLINE void checked_log(v8d *x) {
    if (__builtin_reduce_and((*x >= DBL_MIN) & (*x <= DBL_MAX))) { vector_log(x); return; }
    for (int k = 0; k < PW_LANES; k++) (*x)[k] = log((*x)[k]);
}

/// Eight copies of a value (a macro: a vector-returning function's ABI would depend on the target).
#define SPLAT(value) ((v8d){0} + (value))
#define ZERO ((v8d){0})

/// The inverse transform at `location` and `location -/+ w`, exp(l -/+ w) computed as exp(l) exp(-/+w): one
/// exponential for the location and one per half-width; lanes where a factor over- or underflows take the
/// direct inverse.
PW_INLINE void inverse_around(const pw_fixed_design *d, const v8d *location, const v8d *w, const v8d *base,
                              v8d *lower, v8d *upper) {
    if (d->transform == PW_IDENTITY) { *lower = *location - *w; *upper = *location + *w; return; }
    v8d factor = *w;
    vector_exp(&factor);
    const v8d up = *base * factor;
    if (d->transform == PW_LOG) {
        const v8d down = *base / factor;
        *lower = down; *upper = up;
        if (__builtin_reduce_and((*base >= DBL_MIN) & (*base <= DBL_MAX) & (up <= DBL_MAX) & (down >= DBL_MIN))) return;
        for (int k = 0; k < PW_LANES; k++) {
            if (isnormal((*base)[k]) && isfinite(up[k]) && isnormal(down[k])) continue;
            (*lower)[k] = exp((*location)[k] - (*w)[k]);
            (*upper)[k] = exp((*location)[k] + (*w)[k]);
        }
    } else {
        const double cap = d->cap;
        *lower = cap / (1.0 + up);
        *upper = cap * factor / (factor + *base);
        if (__builtin_reduce_and((*base >= DBL_MIN) & (*base <= DBL_MAX) & (up <= DBL_MAX))) return;
        for (int k = 0; k < PW_LANES; k++) {
            if (isnormal((*base)[k]) && isfinite(up[k])) continue;
            (*lower)[k] = cap / (1 + exp(-((*location)[k] - (*w)[k])));
            (*upper)[k] = cap / (1 + exp(-((*location)[k] + (*w)[k])));
        }
    }
}

/// Writes the lanes in `taken` of `v` to `column[series[k]]`: one (unaligned) vector store when `whole`.
PW_INLINE void store(double *column, const long *series, unsigned taken, int whole, const v8d *v) {
    if (whole) { memcpy(column + series[0], v, sizeof(v8d)); return; }
    for (int k = 0; k < PW_LANES; k++) {
        if ((taken >> k) & 1) column[series[k]] = (*v)[k];
    }
}

/// Asks for the memory of the block `PREFETCH_BLOCKS` ahead (the next rows of a table and of every output
/// column): a block reads one stream per year and writes one per output column, some thirty-five in all, more
/// than the hardware prefetchers follow, so without this the block waits on memory. Only a hint: a prefetch
/// never faults, so addresses past the end are harmless. Values in the caller's scratch block
/// (`stride == PW_LANES`) are in cache already.
PW_INLINE void prefetch_ahead(const pw_fixed_design *d, const double *values, long stride, const long *series, const pw_columns *out) {
    enum { PREFETCH_BLOCKS = 4 };
    const long ahead = PREFETCH_BLOCKS * PW_LANES;
    if (stride != PW_LANES) {
        for (int i = 0; i < d->observations; i++) __builtin_prefetch(values + i * stride + ahead);
    }
    const long rows = out->rows, next = series[0] + ahead;
    for (int j = 0; j < d->parameters; j++) {
        __builtin_prefetch(out->parameters + j * rows + next, 1);
        __builtin_prefetch(out->standard_errors + j * rows + next, 1);
    }
    __builtin_prefetch(out->aicc + next, 1);
    for (int t = 0; t < d->points; t++) {
        __builtin_prefetch(out->point + t * rows + next, 1);
        for (int l = 0; l < d->levels; l++) {
            __builtin_prefetch(out->lower[l] + t * rows + next, 1);
            __builtin_prefetch(out->upper[l] + t * rows + next, 1);
        }
    }
}

PW_INLINE unsigned fit_block(const pw_fixed_design *d, const double *values, long stride, const long *series, int lanes,
                             const pw_columns *out) {
    const int n = d->observations, p = d->parameters, h = d->points;
    v8d y[PW_MAX_OBSERVATIONS], z[PW_MAX_OBSERVATIONS], gamma[PW_MAX_PARAMETERS], means[PW_MAX_POINTS];
    // The logit's y / (cap − y) and y (cap − y), computed once while checking the domain.
    v8d ratios[PW_MAX_OBSERVATIONS], products[PW_MAX_OBSERVATIONS];

    prefetch_ahead(d, values, stride, series, out);

    // Observation i of every lane is one vector. A lane is accepted when all its values are in the
    // transform's domain (and, for the logarithms, their arguments normal); the others, and lanes past
    // `lanes`, compute on a harmless constant and are not written.
    v8i ok = (v8i)ZERO == (v8i)ZERO;
    const v8d cap = SPLAT(d->cap);
    for (int i = 0; i < n; i++) {
        memcpy(&y[i], values + i * stride, sizeof(v8d));
        const v8d v = y[i];
        switch (d->transform) {
        case PW_IDENTITY: ok &= (v - v) == 0.0; break;
        case PW_LOG: ok &= (v >= DBL_MIN) & (v <= DBL_MAX); break;
        default: {
            const v8d rest = cap - v, ratio = v / rest, product = v * rest;
            ok &= (v > 0.0) & (rest > 0.0) & (ratio >= DBL_MIN) & (ratio <= DBL_MAX) & (product >= DBL_MIN) & (product <= DBL_MAX);
            ratios[i] = ratio;
            products[i] = product;
        }
        }
    }
    for (int k = lanes; k < PW_LANES; k++) ok[k] = 0;
    unsigned accepted = 0;
    for (int k = 0; k < lanes; k++) accepted |= (ok[k] != 0) << k;
    if (!accepted) return 0;
    if (!__builtin_reduce_and(ok)) {
        const v8d harmless = SPLAT(d->transform == PW_LOGIT ? d->cap / 2 : 1.0);
        const v8d one = SPLAT(1.0), square = harmless * harmless;  // the logit's ratio and product at cap / 2
        for (int i = 0; i < n; i++) {
            y[i] = (v8d)(((v8i)y[i] & ok) | ((v8i)harmless & ~ok));
            if (d->transform != PW_LOGIT) continue;
            ratios[i] = (v8d)(((v8i)ratios[i] & ok) | ((v8i)one & ~ok));
            products[i] = (v8d)(((v8i)products[i] & ok) | ((v8i)square & ~ok));
        }
    }

    // Transform, and the log-Jacobian of the transform summed over the observations.
    v8d jacobian = ZERO;
    switch (d->transform) {
    case PW_IDENTITY:
        for (int i = 0; i < n; i++) z[i] = y[i];
        break;
    case PW_LOG:
        for (int i = 0; i < n; i++) { z[i] = y[i]; vector_log(&z[i]); jacobian -= z[i]; }
        break;
    default: {
        // n log cap − Σ log(y(cap − y)), the sum as one logarithm of a product kept as a significand in
        // [1, 2^n) and a binary exponent, so it cannot overflow: each (normal) term is split into its
        // significand in [1, 2) and exponent by its bits.
        v8d significand = SPLAT(1.0), exponent = ZERO;
        for (int i = 0; i < n; i++) {
            z[i] = ratios[i];
            vector_log(&z[i]);
            const v8u term = (v8u)products[i];
            exponent += (v8d)((term >> 52) | 0x4330000000000000ULL) - (0x1p52 + 1023.0);
            significand *= (v8d)((term & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
        }
        vector_log(&significand);
        jacobian = (double)n * d->log_cap - (significand + exponent * 6.93147180559945309417e-01);
    }
    }

    // Constant responses, squares that could overflow, exact fits: left for the general path.
    v8i varies = (v8i)ZERO != (v8i)ZERO;
    v8d energy = ZERO;
    for (int i = 0; i < n; i++) { varies |= z[i] != z[0]; energy += z[i] * z[i]; }

    // Working parameters, residual sum of squares, means at the points, then parameters in the caller's units.
    for (int j = 0; j < p; j++) {
        const double *row = d->solution + j * n;
        v8d value = ZERO;
        for (int i = 0; i < n; i++) value += row[i] * z[i];
        gamma[j] = value;
    }
    v8d ssr = ZERO;
    for (int i = 0; i < n; i++) {
        const double *row = d->working + i * p;
        v8d fitted = ZERO;
        for (int j = 0; j < p; j++) fitted += row[j] * gamma[j];
        const v8d residual = z[i] - fitted;
        ssr += residual * residual;
    }
    for (int t = 0; t < h; t++) {
        const double *row = d->point_rows + t * p;
        v8d value = ZERO;
        for (int j = 0; j < p; j++) value += row[j] * gamma[j];
        means[t] = value;
    }
    for (int i = p - 1; i >= 0; i--) {
        v8d value = gamma[i];
        for (int k = i + 1; k < p; k++) value -= d->basis_map[k * p + i] * gamma[k];
        gamma[i] = value / d->basis_map[i * p + i];
    }

    unsigned taken = 0;
    for (int k = 0; k < lanes; k++) {
        if (((accepted >> k) & 1) && varies[k] && energy[k] < 0x1p1000 && ssr[k] > 1e-24 * energy[k]) taken |= 1u << k;
    }
    if (!taken) return 0;

    // s, the log-likelihood on the original scale and AICc (InformationCriteria's formulas).
    const v8d sigma = __builtin_elementwise_sqrt(ssr / (double)(n - p));
    v8d logMeanSquare = ssr / (double)n;
    checked_log(&logMeanSquare);
    const double half = -(double)n / 2, k1 = (double)(p + 1);
    const v8d logLikelihood = half * (log(two_pi) + logMeanSquare + 1.0) + jacobian;
    const v8d aicc = -2.0 * logLikelihood + 2.0 * k1 + 2.0 * k1 * (k1 + 1.0) / ((double)n - k1 - 1.0);

    // Every matrix cell of the block's series, year by year (or parameter by parameter): one vector store
    // when the eight series are consecutive rows and all were taken, else lane by lane.
    const long rows = out->rows;
    int whole = taken == (1u << PW_LANES) - 1;
    for (int k = 1; whole && k < PW_LANES; k++) whole = series[k] == series[0] + k;
    for (int j = 0; j < p; j++) {
        store(out->parameters + j * rows, series, taken, whole, &gamma[j]);
        const v8d se = sigma * d->root_variances[j];
        store(out->standard_errors + j * rows, series, taken, whole, &se);
    }
    const v8d criterion = n > p + 2 ? aicc : SPLAT(INFINITY);
    store(out->aicc, series, taken, whole, &criterion);

    // Point forecasts and intervals.
    for (int t = 0; t < h; t++) {
        const v8d location = means[t], scale = sigma * d->root_inflations[t];
        v8d base = location, point = location;
        if (d->transform == PW_LOG) { vector_exp(&base); point = base; }
        if (d->transform == PW_LOGIT) { base = -location; vector_exp(&base); point = d->cap / (1.0 + base); }
        store(out->point + t * rows, series, taken, whole, &point);
        for (int l = 0; l < d->levels; l++) {
            const v8d w = d->quantiles[l] * scale;
            v8d lower, upper;
            inverse_around(d, &location, &w, &base, &lower, &upper);
            store(out->lower[l] + t * rows, series, taken, whole, &lower);
            store(out->upper[l] + t * rows, series, taken, whole, &upper);
        }
    }
    return taken;
}

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq")))
static unsigned fit_block_avx512(const pw_fixed_design *d, const double *values, long stride, const long *series, int lanes,
                                const pw_columns *out) {
    return fit_block(d, values, stride, series, lanes, out);
}

__attribute__((target("avx2")))
static unsigned fit_block_avx2(const pw_fixed_design *d, const double *values, long stride, const long *series, int lanes,
                                const pw_columns *out) {
    return fit_block(d, values, stride, series, lanes, out);
}

#include <cpuid.h>

int pw_vector_level(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) || !(c & bit_AVX)) return 0;
    unsigned xcr0_low, xcr0_high;
    __asm__("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 0x6) != 0x6) return 0;  // the OS saves SSE and AVX state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    const int avx2 = (b & bit_AVX2) != 0;
    const int avx512 = (b & bit_AVX512F) && (b & bit_AVX512DQ) && (xcr0_low & 0xe0) == 0xe0;  // opmask and ZMM state
    return avx512 ? 2 : (avx2 ? 1 : 0);
}
#else
int pw_vector_level(void) { return 0; }
#endif

static unsigned fit_block_baseline(const pw_fixed_design *d, const double *values, long stride, const long *series, int lanes,
                                const pw_columns *out) {
    return fit_block(d, values, stride, series, lanes, out);
}

unsigned pw_fit_block(const pw_fixed_design *design, const double *values, long stride, const long *series, int lanes,
                      const pw_columns *out, int vector_level) {
#if defined(__x86_64__)
    if (vector_level >= 2) return fit_block_avx512(design, values, stride, series, lanes, out);
    if (vector_level == 1) return fit_block_avx2(design, values, stride, series, lanes, out);
#endif
    return fit_block_baseline(design, values, stride, series, lanes, out);
}
