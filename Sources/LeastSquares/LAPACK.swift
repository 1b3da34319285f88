internal import CLAPACK
import Synchronization

/// The one place Pathways calls LAPACK.
///
/// Every routine goes through `call(_:_:)`, which maps `INFO` with the routine's own name:
/// `INFO < 0` is an illegal argument, a bug in this file, so it stops the program;
/// `INFO > 0` is a property of the data and becomes `LeastSquaresError.lapackFailure`.
///
/// Calls run concurrently: the stress test `LAPACKConcurrencyTests` (every routine called here, 400 fits on 8
/// threads, bit for bit against the same fits done serially) passes without a lock, also under ThreadSanitizer
/// and AddressSanitizer, and the whole suite passed three times unlocked (docs/DESIGN.md, "LAPACK and
/// threads"); the crashes the lock once seemed to cure went in with the fix of a Swift-side bug (a `const`
/// pointer handed to `dormqr_`, which writes it), which evidently cured them. `liblapack.so.3` is whichever implementation Debian's alternatives select: for one that is not
/// reentrant, build with `-Xswiftc -DLAPACK_SERIALIZED` to serialize every call behind one lock.
enum LAPACK {
    #if LAPACK_SERIALIZED
    private static let lock = Mutex<Void>(())
    #endif

    /// Runs `body`, under the lock in a serialized build.
    private static func serialized(_ body: () -> Void) {
        #if LAPACK_SERIALIZED
        lock.withLock { _ in body() }
        #else
        body()
        #endif
    }

    /// Runs `body` with an `INFO` slot and checks it.
    static func call(
        _ routine: String,
        meaning: (Int) -> String,
        _ body: (UnsafeMutablePointer<Int32>) -> Void
    ) throws(LeastSquaresError) {
        var info: Int32 = 0
        serialized { body(&info) }
        if info < 0 {
            preconditionFailure("LAPACK \(routine): argument \(-info) had an illegal value (a bug in Pathways)")
        }
        if info > 0 {
            throw .lapackFailure(routine: routine, info: Int(info), meaning: meaning(Int(info)))
        }
    }

    /// Queries and returns the optimal workspace size reported in `work[0]`.
    private static func workspace(_ query: (UnsafeMutablePointer<Double>, UnsafePointer<Int32>) throws(LeastSquaresError) -> Void) throws(LeastSquaresError) -> Int32 {
        var size = 0.0
        var minusOne: Int32 = -1
        try query(&size, &minusOne)
        return Int32(Swift.max(1, size.rounded(.up)))
    }

    private static func noFailure(_ info: Int) -> String { "unexpected positive INFO" }

    // MARK: - QR

    /// Householder QR of an m×n matrix (m ≥ n) in place; returns the scalar factors `tau`.
    static func geqrf(_ a: inout Matrix) throws(LeastSquaresError) -> [Double] {
        var m = Int32(a.rows), n = Int32(a.columns), lda = Int32(Swift.max(1, a.rows))
        var tau = [Double](repeating: 0, count: Swift.min(a.rows, a.columns))
        let lwork = try workspace { (work, lw) throws(LeastSquaresError) in
            try call("DGEQRF", meaning: noFailure) { dgeqrf_(&m, &n, &a.storage, &lda, &tau, work, lw, $0) }
        }
        var work = [Double](repeating: 0, count: Int(lwork))
        var lw = lwork
        try call("DGEQRF", meaning: noFailure) { dgeqrf_(&m, &n, &a.storage, &lda, &tau, &work, &lw, $0) }
        return tau
    }

    /// Overwrites `c` (m×k) with `Qᵀ c` (`transpose`) or `Q c`, for Q from `geqrf`. DORMQR writes into the
    /// diagonal of the factored matrix and restores it before returning, so `a` is taken `inout`: a caller
    /// that shares the factors between threads would otherwise race on them.
    static func ormqr(factored a: inout Matrix, tau: [Double], _ c: inout Matrix, transpose: Bool) throws(LeastSquaresError) {
        var side: CChar = 76 /* L */, trans: CChar = transpose ? 84 /* T */ : 78 /* N */
        var m = Int32(c.rows), n = Int32(c.columns), k = Int32(tau.count)
        var lda = Int32(Swift.max(1, a.rows)), ldc = Int32(Swift.max(1, c.rows))
        let lwork = try workspace { (work, lw) throws(LeastSquaresError) in
            try call("DORMQR", meaning: noFailure) {
                dormqr_(&side, &trans, &m, &n, &k, &a.storage, &lda, tau, &c.storage, &ldc, work, lw, $0, 1, 1)
            }
        }
        var work = [Double](repeating: 0, count: Int(lwork))
        var lw = lwork
        try call("DORMQR", meaning: noFailure) {
            dormqr_(&side, &trans, &m, &n, &k, &a.storage, &lda, tau, &c.storage, &ldc, &work, &lw, $0, 1, 1)
        }
    }

    /// Solves `R x = b` (or `Rᵀ x = b`) for the upper triangle R of the leading n×n block of `a`.
    static func trtrs(upper a: Matrix, order n: Int, _ b: inout Matrix, transpose: Bool) throws(LeastSquaresError) {
        var uplo: CChar = 85 /* U */, trans: CChar = transpose ? 84 : 78, diag: CChar = 78
        var nn = Int32(n), nrhs = Int32(b.columns), lda = Int32(Swift.max(1, a.rows)), ldb = Int32(Swift.max(1, b.rows))
        try call("DTRTRS", meaning: { "the triangular factor has an exact zero on its diagonal at position \($0)" }) {
            dtrtrs_(&uplo, &trans, &diag, &nn, &nrhs, a.storage, &lda, &b.storage, &ldb, $0, 1, 1, 1)
        }
    }

    /// `(UᵀU)⁻¹` from the upper triangle of the n×n matrix `u`, returned as a full symmetric matrix.
    static func potri(upper u: Matrix) throws(LeastSquaresError) -> Matrix {
        var a = u
        var uplo: CChar = 85
        var n = Int32(u.columns), lda = Int32(Swift.max(1, u.rows))
        try call("DPOTRI", meaning: { "the triangular factor has an exact zero on its diagonal at position \($0); the design is singular" }) {
            dpotri_(&uplo, &n, &a.storage, &lda, $0, 1)
        }
        for j in 0..<a.columns { for i in (j + 1)..<Swift.max(j + 1, a.rows) { a[i, j] = a[j, i] } }
        return a
    }

    // MARK: - Driver routines

    /// Least squares for a full-rank m×n matrix (m ≥ n) and many right-hand sides, by QR.
    /// On return the first n rows of `b` hold the solutions; rows n..<m hold components whose
    /// squares sum to each residual sum of squares.
    static func gels(_ a: inout Matrix, _ b: inout Matrix) throws(LeastSquaresError) {
        var trans: CChar = 78
        var m = Int32(a.rows), n = Int32(a.columns), nrhs = Int32(b.columns)
        var lda = Int32(Swift.max(1, a.rows)), ldb = Int32(Swift.max(1, b.rows))
        let meaning: (Int) -> String = { "the design is rank-deficient: diagonal element \($0) of R is exactly zero" }
        let lwork = try workspace { (work, lw) throws(LeastSquaresError) in
            try call("DGELS", meaning: meaning) {
                dgels_(&trans, &m, &n, &nrhs, &a.storage, &lda, &b.storage, &ldb, work, lw, $0, 1)
            }
        }
        var work = [Double](repeating: 0, count: Int(lwork))
        var lw = lwork
        try call("DGELS", meaning: meaning) {
            dgels_(&trans, &m, &n, &nrhs, &a.storage, &lda, &b.storage, &ldb, &work, &lw, $0, 1)
        }
    }

    /// Rank-revealing least squares (complete orthogonal factorization) with relative threshold `rcond`.
    /// Returns the effective rank; the first n rows of `b` hold the minimum-norm solutions.
    static func gelsy(_ a: inout Matrix, _ b: inout Matrix, rcond: Double) throws(LeastSquaresError) -> Int {
        var m = Int32(a.rows), n = Int32(a.columns), nrhs = Int32(b.columns)
        var lda = Int32(Swift.max(1, a.rows)), ldb = Int32(Swift.max(1, b.rows))
        var jpvt = [Int32](repeating: 0, count: a.columns)
        var rc = rcond
        var rank: Int32 = 0
        let lwork = try workspace { (work, lw) throws(LeastSquaresError) in
            try call("DGELSY", meaning: noFailure) {
                dgelsy_(&m, &n, &nrhs, &a.storage, &lda, &b.storage, &ldb, &jpvt, &rc, &rank, work, lw, $0)
            }
        }
        var work = [Double](repeating: 0, count: Int(lwork))
        var lw = lwork
        try call("DGELSY", meaning: noFailure) {
            dgelsy_(&m, &n, &nrhs, &a.storage, &lda, &b.storage, &ldb, &jpvt, &rc, &rank, &work, &lw, $0)
        }
        return Int(rank)
    }

    /// Singular value decomposition `A = U Σ Vᵀ`; returns the singular values (descending) and `Vᵀ`.
    static func gesvd(_ matrix: Matrix) throws(LeastSquaresError) -> (singularValues: [Double], vt: Matrix) {
        var a = matrix
        var jobu: CChar = 78 /* N */, jobvt: CChar = 65 /* A */
        var m = Int32(a.rows), n = Int32(a.columns), lda = Int32(Swift.max(1, a.rows))
        var s = [Double](repeating: 0, count: Swift.min(a.rows, a.columns))
        var u = [Double](repeating: 0, count: 1)
        var ldu: Int32 = 1
        var vt = Matrix(rows: a.columns, columns: a.columns)
        var ldvt = Int32(Swift.max(1, a.columns))
        let meaning: (Int) -> String = { "the SVD did not converge (\($0) superdiagonals did not reach zero)" }
        let lwork = try workspace { (work, lw) throws(LeastSquaresError) in
            try call("DGESVD", meaning: meaning) {
                dgesvd_(&jobu, &jobvt, &m, &n, &a.storage, &lda, &s, &u, &ldu, &vt.storage, &ldvt, work, lw, $0, 1, 1)
            }
        }
        var work = [Double](repeating: 0, count: Int(lwork))
        var lw = lwork
        try call("DGESVD", meaning: meaning) {
            dgesvd_(&jobu, &jobvt, &m, &n, &a.storage, &lda, &s, &u, &ldu, &vt.storage, &ldvt, &work, &lw, $0, 1, 1)
        }
        return (s, vt)
    }
}
