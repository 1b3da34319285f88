/// The calendar years Pathways reads and projects anywhere: data files, command-line values, projections.
///
/// 1800 to 2200 holds every annual statistic a plan or a researcher works with and every horizon worth
/// projecting to; a year outside is a typo (`20222`, `-5`) or a corrupt file, and refusing it keeps year
/// arithmetic far from overflow. Studies are narrower still (`StudyLoader.validYears`).
public enum YearRange {
    public static let supported: ClosedRange<Int> = 1800...2200

    /// Whether `year` lies in ``supported``.
    public static func contains(_ year: Int) -> Bool { supported.contains(year) }

    /// `year 99999 is outside 1800...2200, the years Pathways handles`.
    public static func outside(_ year: Int) -> String {
        "year \(year) is outside \(supported.lowerBound)...\(supported.upperBound), the years Pathways handles"
    }
}
