/// A dense matrix of `Double` stored column by column, the layout LAPACK expects.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, column-major: element (i, j) is at `i + j * rows`.
    public var storage: [Double]

    /// A matrix of the given shape filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix whose columns are the given arrays, all of the same length.
    public init(columns: [[Double]]) {
        let rowCount = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rowCount }, "All columns must have the same length")
        self.rows = rowCount
        self.columns = columns.count
        self.storage = columns.flatMap { $0 }
    }

    /// A matrix over existing column-major storage.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(storage.count == rows * columns, "Storage does not match the shape")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// The identity matrix of order `n`.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// A copy of column `j`.
    @inlinable
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { self[i, $0] }
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// The diagonal entries.
    public var diagonal: [Double] {
        (0..<Swift.min(rows, columns)).map { self[$0, $0] }
    }
}
