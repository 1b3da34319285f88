#include "smoothing_kernel.h"
#include <float.h>
#include <math.h>

// Every variant must round exactly alike: no a*b+c contracted into an FMA where one is available.
#pragma clang fp contract(off)

// Sixteen lanes: eight searches of each of two problems (two series, or one series twice). Lanes never
// interact, so a problem's result does not depend on the one beside it.
typedef double vec __attribute__((vector_size(128)));
typedef long long mask __attribute__((vector_size(128)));
enum { LANES = 16, STARTS = 8 };

#define PW_INLINE static inline __attribute__((always_inline))
// Macros, not functions, where vectors are arguments or results: their ABI would depend on the caller's target.
#define SPLAT(value) ((vec){0} + (value))
/// Lanes of `a` where `m` is set (all bits), else of `b`.
#define BLEND(m, a, b) ((vec)(((m) & (mask)(a)) | (~(m) & (mask)(b))))
#define VMIN(a, b) BLEND((a) < (b), (a), (b))
#define VMAX(a, b) BLEND((a) > (b), (a), (b))
#define CLAMP(x, lo, hi) VMIN(VMAX((x), SPLAT(lo)), SPLAT(hi))
#define ANY(m) (__builtin_reduce_or(m) != 0)

/// What the searches of one call share: the values of both problems, lane by lane (`z[t]` holds problem 0's
/// value in lanes 0-7 and problem 1's in lanes 8-15), and the years between observations.
typedef struct {
    const vec *z;
    const int *steps;
    int n, damped;
} problem;

/// The concentrated sum of squared one-step errors at sixteen points (see the header); `damped` is a constant
/// at every call, so Holt's phi = 1 costs no multiplications (phi b = b exactly).
///
/// With forecast f_t = l_{t-1} + phi b_{t-1} and error e_t = z_t - f_t, the recursion l_t = f_t + alpha e_t,
/// b_t = phi b_{t-1} + beta e_t is run as f_{t+1} = (1 - alpha - phi beta) f_t + phi^2 b_{t-1} + (alpha + phi beta) z_t,
/// b_t = phi b_{t-1} + beta e_t: the same values, with fewer operations between one year's forecast and the next
/// (a year without an observation takes the plain form).
PW_INLINE void concentrated_sse(const problem *p, const vec *alpha_, const vec *beta_, const vec *phi_, int damped, vec *out) {
    const vec alpha = *alpha_, beta = *beta_, phi = damped ? *phi_ : SPLAT(1);
    const vec keep = 1.0 - alpha - (damped ? phi * beta : beta), gain = alpha + (damped ? phi * beta : beta);
    const vec phi2 = phi * phi;
#define PHI(x) (damped ? phi * (x) : (x))
#define PHI2(x) (damped ? phi2 * (x) : (x))
    const vec *z = p->z;
    const int n = p->n;
    // Three runs side by side: the data from zero states (errors e0), and the data-free recursion from a unit
    // level (forecasts a1) and from a unit slope (a2). Errors from states (l, b) are e0 - l a1 - b a2 (the
    // recursion is linear), so (l, b) solve a least-squares problem in the two columns a1, a2.
    vec f0 = SPLAT(0), b0 = SPLAT(0), f1 = SPLAT(1), b1 = SPLAT(0), f2 = phi, b2 = SPLAT(1);
    vec s11 = SPLAT(0), s12 = SPLAT(0), s22 = SPLAT(0), s1e = SPLAT(0), s2e = SPLAT(0), see = SPLAT(0);
    for (int t = 0; t < n; t++) {
        if (p->steps && t > 0 && p->steps[t] > 1) {
            // Back to levels, g - 1 years without an update, and forward to the forecast.
            vec l0 = f0 - PHI(b0), l1 = f1 - PHI(b1), l2 = f2 - PHI(b2);
            for (int gap = p->steps[t]; gap > 1; gap--) {
                l0 = l0 + PHI(b0); b0 = PHI(b0);
                l1 = l1 + PHI(b1); b1 = PHI(b1);
                l2 = l2 + PHI(b2); b2 = PHI(b2);
            }
            f0 = l0 + PHI(b0); f1 = l1 + PHI(b1); f2 = l2 + PHI(b2);
        }
        const vec e = z[t] - f0;
        s11 += f1 * f1; s12 += f1 * f2; s22 += f2 * f2; s1e += f1 * e; s2e += f2 * e; see += e * e;
        const vec n0 = keep * f0 + PHI2(b0) + gain * z[t], m0 = PHI(b0) + beta * e;
        const vec n1 = keep * f1 + PHI2(b1), m1 = PHI(b1) - beta * f1;
        const vec n2 = keep * f2 + PHI2(b2), m2 = PHI(b2) - beta * f2;
        f0 = n0; b0 = m0; f1 = n1; b1 = m1; f2 = n2; b2 = m2;
    }
    // The initial states by the 2 x 2 normal equations. A slope column indistinguishable from the level's is
    // dropped (slope 0), as the Gram-Schmidt solve of ExponentialSmoothing does.
    const vec det = s11 * s22 - s12 * s12;
    const mask degenerate = det <= 1e-24 * (s11 * s22);
    const vec level = BLEND(degenerate, s1e / s11, (s22 * s1e - s12 * s2e) / det);
    const vec slope = BLEND(degenerate, SPLAT(0), (s11 * s2e - s12 * s1e) / det);
    // SSE(x) = e0'e0 - 2 g'x + x'Gx at the computed states: an error in the states enters only to second order,
    // but the three terms cancel where the SSE is a small part of e0'e0; there (below 1e-6 of it: more than
    // six digits would cancel) the recursion is run again from the states, which has no cancellation.
    const vec quadratic = level * (s11 * level + s12 * slope) + slope * (s12 * level + s22 * slope);
    vec sse = see - 2.0 * (level * s1e + slope * s2e) + quadratic;
    const mask cancelled = ~(sse > 1e-6 * see);
    if (ANY(cancelled)) {
        vec f = level + PHI(slope), b = slope, direct = SPLAT(0);
        for (int t = 0; t < n; t++) {
            if (p->steps && t > 0 && p->steps[t] > 1) {
                vec l = f - PHI(b);
                for (int gap = p->steps[t]; gap > 1; gap--) { l = l + PHI(b); b = PHI(b); }
                f = l + PHI(b);
            }
            const vec e = z[t] - f;
            direct += e * e;
            const vec next = keep * f + PHI2(b) + gain * z[t], slope_next = PHI(b) + beta * e;
            f = next; b = slope_next;
        }
        sse = BLEND(cancelled, direct, sse);
    }
#undef PHI
#undef PHI2
    // Not finite (overflow, or no level response): worse than any finite value.
    *out = BLEND((sse == sse) & (sse <= DBL_MAX), sse, SPLAT(DBL_MAX));
}

/// The objective at points (alpha, u, phi) of the unit box: beta = beta_low + u (alpha - beta_low), which maps
/// the box onto R's region beta <= alpha exactly.
PW_INLINE void objective(const problem *p, const vec *x, vec *out) {
    const vec excess = x[0] - PW_SMOOTHING_BETA_LOW;
    const vec beta = PW_SMOOTHING_BETA_LOW + x[1] * VMAX(excess, SPLAT(0));
    if (p->damped) concentrated_sse(p, &x[0], &beta, &x[2], 1, out);
    else concentrated_sse(p, &x[0], &beta, &x[2], 0, out);
}

PW_INLINE void project(vec *x, int d) {
    x[0] = CLAMP(x[0], PW_SMOOTHING_ALPHA_LOW, PW_SMOOTHING_ALPHA_HIGH);
    x[1] = CLAMP(x[1], 0, 1);
    if (d > 2) x[2] = CLAMP(x[2], PW_SMOOTHING_PHI_LOW, PW_SMOOTHING_PHI_HIGH);
}

/// Nelder-Mead searches in lockstep, one per lane, from the points `start` (coordinates alpha, u, phi): the
/// coefficients 1, 2, 1/2, 1/2 of R's optim, trial points projected onto the box, each lane stopping when its
/// simplex's values agree to PW_SMOOTHING_TOLERANCE (relative) or after PW_SMOOTHING_MAX_ITERATIONS. The best
/// vertex of each lane goes to `best` and its value to `value`.
PW_INLINE void lockstep_nelder_mead(const problem *p, const vec *start, vec *best, vec *value) {
    const int d = p->damped ? 3 : 2;
    const double width[3] = {PW_SMOOTHING_ALPHA_HIGH - PW_SMOOTHING_ALPHA_LOW, 1, PW_SMOOTHING_PHI_HIGH - PW_SMOOTHING_PHI_LOW};
    const double upper[3] = {PW_SMOOTHING_ALPHA_HIGH, 1, PW_SMOOTHING_PHI_HIGH};
    vec x[4][3], f[4];
    for (int c = 0; c < 3; c++) x[0][c] = start[c];
    project(x[0], d);
    objective(p, x[0], &f[0]);
    for (int i = 0; i < d; i++) {
        for (int c = 0; c < 3; c++) x[i + 1][c] = x[0][c];
        const double step = 0.1 * width[i];
        const vec up = x[0][i] + step, down = x[0][i] - step;
        x[i + 1][i] = BLEND(up <= upper[i], up, down);
        objective(p, x[i + 1], &f[i + 1]);
    }
    mask active = (mask){0} - 1;
    for (int iteration = 0; iteration < PW_SMOOTHING_MAX_ITERATIONS; iteration++) {
        // Order every lane's vertices by value (insertion by compare-exchange; ties keep their order).
        for (int i = 1; i <= d; i++) {
            for (int j = i; j > 0; j--) {
                const mask swap = f[j] < f[j - 1];
                if (!ANY(swap)) break;
                const vec fa = f[j - 1], fb = f[j];
                f[j - 1] = BLEND(swap, fb, fa); f[j] = BLEND(swap, fa, fb);
                for (int c = 0; c < d; c++) {
                    const vec xa = x[j - 1][c], xb = x[j][c];
                    x[j - 1][c] = BLEND(swap, xb, xa); x[j][c] = BLEND(swap, xa, xb);
                }
            }
        }
        const vec low = f[0], high = f[d];
        const vec spread = VMAX(high - low, low - high), magnitude = VMAX(low, -low);
        active &= ~(spread <= PW_SMOOTHING_TOLERANCE * (magnitude + PW_SMOOTHING_TOLERANCE));
        if (!ANY(active)) break;
        vec centroid[3] = {SPLAT(0), SPLAT(0), SPLAT(0)}, reflected[3], second[3];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < d; i++) centroid[c] += x[i][c];
            centroid[c] = centroid[c] / (double)d;
            reflected[c] = centroid[c] - (x[d][c] - centroid[c]);
        }
        project(reflected, d);
        vec fr;
        objective(p, reflected, &fr);
        const mask expand = fr < low;
        const mask accept = ~expand & (fr < f[d - 1]);
        const mask contract = ~expand & ~accept;
        const mask outside = contract & (fr < high);
        for (int c = 0; c < 3; c++) {
            const vec expanded = centroid[c] - 2.0 * (x[d][c] - centroid[c]);
            const vec toward = BLEND(outside, reflected[c], x[d][c]);
            const vec contracted = centroid[c] + 0.5 * (toward - centroid[c]);
            second[c] = BLEND(expand, expanded, contracted);
        }
        project(second, d);
        vec next[3] = {reflected[0], reflected[1], reflected[2]}, next_value = fr;
        mask shrink = (mask){0};
        if (ANY(active & ~accept)) {
            vec fs;
            objective(p, second, &fs);
            const vec bar = VMIN(fr, high);
            const mask take = (expand & (fs < fr)) | (contract & (fs < bar));
            shrink = active & contract & ~take;
            for (int c = 0; c < d; c++) next[c] = BLEND(take, second[c], next[c]);
            next_value = BLEND(take, fs, next_value);
        }
        const mask replace = active & ~shrink;
        for (int c = 0; c < d; c++) x[d][c] = BLEND(replace, next[c], x[d][c]);
        f[d] = BLEND(replace, next_value, f[d]);
        if (ANY(shrink)) {
            for (int i = 1; i <= d; i++) {
                vec q[3];
                for (int c = 0; c < 3; c++) q[c] = x[0][c] + 0.5 * (x[i][c] - x[0][c]);
                project(q, d);
                vec fq;
                objective(p, q, &fq);
                for (int c = 0; c < d; c++) x[i][c] = BLEND(shrink, q[c], x[i][c]);
                f[i] = BLEND(shrink, fq, f[i]);
            }
        }
    }
    *value = f[0];
    for (int c = 0; c < 3; c++) best[c] = x[0][c];
    for (int i = 1; i <= d; i++) {
        const mask better = f[i] < *value;
        *value = BLEND(better, f[i], *value);
        for (int c = 0; c < 3; c++) best[c] = BLEND(better, x[i][c], best[c]);
    }
}

/// The coarse grid the searches start from: alpha in {0.05, 0.2, 0.4, 0.6, 0.8, 0.9999} x u in
/// {0.001, 0.1, 0.3, 0.6, 1} (x phi in {0.8, 0.9, 0.98} when damped).
static const double grid_alphas[6] = {0.05, 0.2, 0.4, 0.6, 0.8, 0.9999}, grid_fractions[5] = {0.001, 0.1, 0.3, 0.6, 1.0};
static const double grid_phis[3] = {0.8, 0.9, 0.98};
enum { GRID_MAX = 90 };

PW_INLINE void grid_point(int k, int damped, double *x) {
    const int rest = damped ? k / 3 : k;
    x[0] = grid_alphas[rest / 5];
    x[1] = grid_fractions[rest % 5];
    x[2] = damped ? grid_phis[k % 3] : 1;
}

PW_INLINE int estimate(const double *const *values, int problems, const int *steps, int n, int damped, double *out) {
    vec z[n > 0 ? n : 1];
    for (int t = 0; t < n; t++) {
        for (int k = 0; k < LANES; k++) z[t][k] = values[k < STARTS || problems == 1 ? 0 : 1][t];
    }
    const problem p = {z, steps, n, damped};
    const int count = damped ? 90 : 30;
    // The grid, sixteen points a pass for each problem (the last pass padded with the last point).
    double scores[2][GRID_MAX + LANES];
    for (int first = 0; first < count; first += STARTS) {
        vec x[3];
        for (int k = 0; k < LANES; k++) {
            double point[3];
            const int index = first + k % STARTS;
            grid_point(index < count ? index : count - 1, damped, point);
            for (int c = 0; c < 3; c++) x[c][k] = point[c];
        }
        vec v;
        objective(&p, x, &v);
        for (int k = 0; k < LANES; k++) scores[k / STARTS][first + k % STARTS] = v[k];
    }
    // Each problem's searches start from R forecast's own start (initparam: alpha at 0.2 of its range, beta at
    // 0.1 of the way to alpha, phi at 0.99 of its range) and from its seven best grid points (ties in grid order).
    vec start[3];
    for (int q = 0; q < 2; q++) {
        int order[GRID_MAX];
        for (int k = 0; k < count; k++) {
            int j = k;
            while (j > 0 && scores[q][order[j - 1]] > scores[q][k]) { order[j] = order[j - 1]; j--; }
            order[j] = k;
        }
        const int lane = q * STARTS;
        start[0][lane] = PW_SMOOTHING_ALPHA_LOW + 0.2 * (PW_SMOOTHING_ALPHA_HIGH - PW_SMOOTHING_ALPHA_LOW);
        start[1][lane] = 0.1;
        start[2][lane] = damped ? PW_SMOOTHING_PHI_LOW + 0.99 * (PW_SMOOTHING_PHI_HIGH - PW_SMOOTHING_PHI_LOW) : 1;
        for (int k = 1; k < STARTS; k++) {
            double point[3];
            grid_point(order[k - 1], damped, point);
            for (int c = 0; c < 3; c++) start[c][lane + k] = point[c];
        }
    }
    vec best[3], value;
    lockstep_nelder_mead(&p, start, best, &value);
    int found = 0;
    for (int q = 0; q < problems; q++) {
        const int first = q * STARTS;
        int lane = first;
        for (int k = first + 1; k < first + STARTS; k++) if (value[k] < value[lane]) lane = k;
        const double alpha = best[0][lane], excess = alpha - PW_SMOOTHING_BETA_LOW;
        out[3 * q] = alpha;
        out[3 * q + 1] = PW_SMOOTHING_BETA_LOW + best[1][lane] * (excess > 0 ? excess : 0);
        out[3 * q + 2] = damped ? best[2][lane] : 1;
        if (value[lane] < DBL_MAX) found |= 1 << q;
    }
    return found;
}

PW_INLINE void sse_at(const double *values, const int *steps, int n, const double *alpha, const double *beta, const double *phi,
                      double *sse) {
    vec z[n > 0 ? n : 1], a, b, f, out;
    for (int t = 0; t < n; t++) z[t] = SPLAT(values[t]);
    for (int k = 0; k < LANES; k++) { a[k] = alpha[k % STARTS]; b[k] = beta[k % STARTS]; f[k] = phi[k % STARTS]; }
    const problem p = {z, steps, n, 1};
    concentrated_sse(&p, &a, &b, &f, 1, &out);
    for (int k = 0; k < STARTS; k++) sse[k] = out[k];
}

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq")))
static int estimate_avx512(const double *const *values, int problems, const int *steps, int n, int damped, double *out) {
    return estimate(values, problems, steps, n, damped, out);
}
__attribute__((target("avx2")))
static int estimate_avx2(const double *const *values, int problems, const int *steps, int n, int damped, double *out) {
    return estimate(values, problems, steps, n, damped, out);
}
__attribute__((target("avx512f,avx512dq")))
static void sse_avx512(const double *z, const int *steps, int n, const double *a, const double *b, const double *p, double *out) {
    sse_at(z, steps, n, a, b, p, out);
}
__attribute__((target("avx2")))
static void sse_avx2(const double *z, const int *steps, int n, const double *a, const double *b, const double *p, double *out) {
    sse_at(z, steps, n, a, b, p, out);
}
#endif
static int estimate_baseline(const double *const *values, int problems, const int *steps, int n, int damped, double *out) {
    return estimate(values, problems, steps, n, damped, out);
}
static void sse_baseline(const double *z, const int *steps, int n, const double *a, const double *b, const double *p, double *out) {
    sse_at(z, steps, n, a, b, p, out);
}

int pw_smoothing_estimate(const double *first, const double *second, const int *steps, int n, int damped, double *parameters,
                          int vector_level) {
    const double *values[2] = {first, second ? second : first};
    const int problems = second ? 2 : 1;
#if defined(__x86_64__)
    if (vector_level >= 2) return estimate_avx512(values, problems, steps, n, damped, parameters);
    if (vector_level == 1) return estimate_avx2(values, problems, steps, n, damped, parameters);
#endif
    return estimate_baseline(values, problems, steps, n, damped, parameters);
}

void pw_smoothing_sse(const double *z, const int *steps, int n, const double *alpha, const double *beta, const double *phi,
                      double *sse, int vector_level) {
#if defined(__x86_64__)
    if (vector_level >= 2) { sse_avx512(z, steps, n, alpha, beta, phi, sse); return; }
    if (vector_level == 1) { sse_avx2(z, steps, n, alpha, beta, phi, sse); return; }
#endif
    sse_baseline(z, steps, n, alpha, beta, phi, sse);
}
