import Foundation

/// A NIST StRD linear regression dataset and its certified values, read from the test fixtures
/// (copied from the NIST files, see Fixtures/nist-strd/SOURCES.md).
struct NISTDataset {
    struct Certified: Decodable {
        struct Parameter: Decodable { let name: String; let estimate: String; let sd: String }
        let dataset: String
        let intercept: Bool
        let degree: Int?
        let params: [Parameter]
        let residual_sd: String
        let r_squared: String
    }

    let name: String
    let y: [Double]
    let x: [[Double]]
    let certified: Certified

    init(_ name: String) throws {
        let folder = Bundle.module.url(forResource: "Fixtures/nist-strd", withExtension: nil)!
        let csv = try String(contentsOf: folder.appendingPathComponent("\(name).csv"), encoding: .utf8)
        let rows = csv.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces))! } }
        self.name = name
        y = rows.map { $0[0] }
        x = (1..<rows[0].count).map { j in rows.map { $0[j] } }
        certified = try JSONDecoder().decode(Certified.self, from: Data(contentsOf: folder.appendingPathComponent("\(name).certified.json")))
    }
}

/// The log relative error `-log10(|est − cert| / |cert|)` (for a certified 0, `-log10|est|`), capped at 15
/// as NIST's own scoring does beyond the digits it prints.
func logRelativeError(_ estimate: Double, certified: String) -> Double {
    let c = Double(certified)!
    let error = c == 0 ? abs(estimate) : abs(estimate - c) / abs(c)
    return error == 0 ? 15 : min(15, -log10(error))
}
