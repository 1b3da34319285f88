// Maximum-likelihood estimation of the exponential smoothing trend models, in C for the same reason as
// trend_kernel.h: compiled for AVX-512, AVX2 and baseline x86-64 and chosen at run time, every variant
// rounding alike (no fused multiply-adds), so all give bit-identical results.
#ifndef PATHWAYS_SMOOTHING_KERNEL_H
#define PATHWAYS_SMOOTHING_KERNEL_H

/// R forecast's "usual" region: alpha in [1e-4, 0.9999], beta in [1e-4, alpha], phi in [0.8, 0.98].
#define PW_SMOOTHING_ALPHA_LOW 1e-4
#define PW_SMOOTHING_ALPHA_HIGH 0.9999
#define PW_SMOOTHING_BETA_LOW 1e-4
#define PW_SMOOTHING_PHI_LOW 0.8
#define PW_SMOOTHING_PHI_HIGH 0.98
/// Relative agreement of a simplex's values at which a search stops (R optim's reltol, sqrt of epsilon).
#define PW_SMOOTHING_TOLERANCE 1.5e-8
#define PW_SMOOTHING_MAX_ITERATIONS 500

/// The (alpha, beta, phi) of ETS(A,A,N) (damped = 0, phi = 1) or ETS(A,Ad,N) (damped = 1) that minimize the
/// sum of squared one-step errors of `first` (n values; `steps[t]` the years since the previous value, or NULL
/// for none missing), the initial level and slope solved by least squares at each point: eight Nelder-Mead
/// searches in lockstep, from R forecast's start and the seven best points of a coarse grid. With `second`
/// (another n values observed in the same years, or NULL), its estimate too, at no extra cost: each problem's
/// result is the same as alone. Written to parameters[0...2] (and [3...5]); returns a bit per problem whose
/// best point gives a finite sum.
int pw_smoothing_estimate(const double *first, const double *second, const int *steps, int n, int damped, double *parameters,
                          int vector_level);

/// The concentrated sum of squared one-step errors at eight points (alpha[k], beta[k], phi[k]), for tests.
void pw_smoothing_sse(const double *z, const int *steps, int n, const double *alpha, const double *beta, const double *phi,
                      double *sse, int vector_level);

#endif
