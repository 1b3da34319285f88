// The per-series arithmetic of Pathways' fixed-design trend fits, in C so that it can be compiled for
// several vector widths (AVX-512, AVX2, baseline) in one binary and chosen at run time: Swift has no
// per-function target attributes. Every variant executes the same IEEE operations in the same order
// (no contraction into fused multiply-adds), so all give bit-identical results.
#ifndef PATHWAYS_TREND_KERNEL_H
#define PATHWAYS_TREND_KERNEL_H

/// Largest sizes the kernel takes (its scratch lives on the stack); larger fits use the general path.
enum { PW_MAX_OBSERVATIONS = 128, PW_MAX_PARAMETERS = 12, PW_MAX_POINTS = 64, PW_MAX_LEVELS = 8, PW_LANES = 8 };

/// The response transform: z = y, log y, or log(y / (cap - y)).
enum { PW_IDENTITY = 0, PW_LOG = 1, PW_LOGIT = 2 };

/// A least-squares design reduced to fixed maps (see LeastSquaresMap), with what forecasts need.
typedef struct pw_fixed_design {
    int observations, parameters, points, levels, transform;
    double cap;
    /// log(cap), for the logit's log-Jacobian.
    double log_cap;
    /// R^-1 Q1^T, parameters x observations, row-major: working parameters from a response.
    const double *solution;
    /// The working design, observations x parameters, row-major.
    const double *working;
    /// The forecast points' working rows, points x parameters, row-major.
    const double *point_rows;
    /// N in A = A_w N, parameters x parameters, column-major (N[i,k] at basis_map[k * parameters + i]).
    const double *basis_map;
    /// sqrt(diag((A^T A)^-1)) and sqrt(1 + leverage) per point: standard errors and predictive scales in units of s.
    const double *root_variances;
    const double *root_inflations;
    /// Upper t quantiles of the interval levels.
    const double *quantiles;
} pw_fixed_design;

/// Where results go: matrices with a row per series and `rows` rows, column-major, so series s writes
/// parameters[j*rows + s], standard_errors[j*rows + s], aicc[s], point[t*rows + s], lower[l][t*rows + s],
/// upper[l][t*rows + s]. Eight consecutive series fill one vector's worth of each column.
typedef struct pw_columns {
    long rows;
    double *parameters, *standard_errors, *aicc, *point;
    double *const *lower;
    double *const *upper;
} pw_columns;

/// Fits and forecasts up to PW_LANES series at once. `values` holds observation i of series k at
/// values[i * stride + k] for k < lanes (other lanes are ignored; the PW_LANES values of each observation must be
/// readable); `series` their rows. Returns a bit mask of the lanes written; the others (values outside the domain
/// or not normal, a constant response, squares that could overflow, an exact fit) are left for the general
/// path. `vector_level` picks the variant (pw_vector_level()'s value, or lower).
unsigned pw_fit_block(const pw_fixed_design *design, const double *values, long stride, const long *series, int lanes,
                      const pw_columns *out, int vector_level);

/// The widest variant this CPU and OS support: 2 AVX-512, 1 AVX2, 0 baseline.
int pw_vector_level(void);

#endif
