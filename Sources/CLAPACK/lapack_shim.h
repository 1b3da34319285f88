// Prototypes of the reference-LAPACK (LP64, gfortran ABI) routines Pathways calls.
// liblapack-dev ships no C header. Every argument is a pointer; every CHARACTER
// argument adds a hidden trailing `size_t` length. Input-only pointers are const so
// Swift imports them as UnsafePointer.
#ifndef PATHWAYS_LAPACK_SHIM_H
#define PATHWAYS_LAPACK_SHIM_H
#include <stddef.h>

/// QR factorization A = Q R (Householder).
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau,
             double *work, const int *lwork, int *info);

/// Multiply by Q or Q^T from a dgeqrf factorization. A is modified and restored during the call.
void dormqr_(const char *side, const char *trans, const int *m, const int *n, const int *k,
             double *a, const int *lda, const double *tau, double *c, const int *ldc,
             double *work, const int *lwork, int *info, size_t side_len, size_t trans_len);

/// Triangular solve with many right-hand sides.
void dtrtrs_(const char *uplo, const char *trans, const char *diag, const int *n, const int *nrhs,
             const double *a, const int *lda, double *b, const int *ldb, int *info,
             size_t uplo_len, size_t trans_len, size_t diag_len);

/// Least squares by QR for a full-rank matrix, many right-hand sides.
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, double *work, const int *lwork, int *info, size_t trans_len);

/// Rank-revealing least squares by complete orthogonal factorization (QR with column pivoting).
void dgelsy_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b,
             const int *ldb, int *jpvt, const double *rcond, int *rank, double *work,
             const int *lwork, int *info);

/// Singular value decomposition.
void dgesvd_(const char *jobu, const char *jobvt, const int *m, const int *n, double *a, const int *lda,
             double *s, double *u, const int *ldu, double *vt, const int *ldvt, double *work,
             const int *lwork, int *info, size_t jobu_len, size_t jobvt_len);

/// Inverse of U^T U from its triangular factor U (here the R of a QR factorization).
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);

#endif
