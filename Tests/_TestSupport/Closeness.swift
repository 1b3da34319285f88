/// How close two numbers are, for the tests of every module: one definition instead of a helper per suite.
/// (Not API: the leading underscore, as swift-numerics' `_TestSupport`.)

/// `|actual − expected| / |expected|`, or `|actual|` when `expected` is exactly zero.
public func relativeError(_ actual: Double, _ expected: Double) -> Double {
    expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
}

/// Whether `actual` is within `relative · |expected|` of `expected`, or within `absolute` (for values near 0).
/// NaN is close to nothing.
public func isClose(_ actual: Double, _ expected: Double, relative: Double, absolute: Double = 0) -> Bool {
    abs(actual - expected) <= max(relative * abs(expected), absolute)
}

/// `isClose` for an optional: nil is close to nothing.
public func isClose(_ actual: Double?, _ expected: Double, relative: Double, absolute: Double = 0) -> Bool {
    guard let actual else { return false }
    return isClose(actual, expected, relative: relative, absolute: absolute)
}

/// Element by element, arrays of the same length.
public func isClose(_ actual: [Double], _ expected: [Double], relative: Double, absolute: Double = 0) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { isClose($0, $1, relative: relative, absolute: absolute) }
}
