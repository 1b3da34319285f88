import Foundation
import Testing

/// `pathways fit --format json` on NIST's hardest linear dataset, scored against the certified values.
@Suite struct FitCommandTests {
    static let nist = PathwaysTool.root.appendingPathComponent("Tests/LeastSquaresTests/Fixtures/nist-strd")

    struct Output: Decodable {
        let parameters: [Double]
        let standardErrors: [Double]
        let residualStandardDeviation: Double
        let rSquared: Double
        let rank: Int
        let conditionNumber: Double
    }

    struct Certified: Decodable {
        struct Parameter: Decodable { let estimate: String; let sd: String }
        let params: [Parameter]
        let residual_sd: String
        let r_squared: String
    }

    static func lre(_ estimate: Double, _ certified: String) -> Double {
        let c = Double(certified)!
        let error = c == 0 ? abs(estimate) : abs(estimate - c) / abs(c)
        return error == 0 ? 15 : min(15, -log10(error))
    }

    @Test(arguments: [("Filip", ["--x", "x", "--degree", "10"]), ("Longley", ["--x", "x1,x2,x3,x4,x5,x6"]),
                      ("NoInt2", ["--x", "x", "--no-intercept"])])
    func jsonCarriesCertifiedDigits(dataset: String, arguments: [String]) throws {
        let result = try PathwaysTool.run(["fit", "--csv", Self.nist.appendingPathComponent("\(dataset).csv").path, "--y", "y"]
                                          + arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        let certified = try JSONDecoder().decode(Certified.self, from: Data(contentsOf: Self.nist.appendingPathComponent("\(dataset).certified.json")))
        #expect(output.parameters.count == certified.params.count)
        for (j, p) in certified.params.enumerated() {
            #expect(Self.lre(output.parameters[j], p.estimate) >= 10, "\(dataset) B\(j)")
            #expect(Self.lre(output.standardErrors[j], p.sd) >= 10, "\(dataset) SD B\(j)")
        }
        #expect(Self.lre(output.residualStandardDeviation, certified.residual_sd) >= 10)
        #expect(Self.lre(output.rSquared, certified.r_squared) >= 10)
        #expect(output.rank == certified.params.count)
        // The shortest text that reads back to the same double (JSONEncoder's), so no digit is lost.
        #expect(result.stdout.contains("\(output.parameters[0])"))
    }

    @Test func filipReportsItsConditionNumber() throws {
        let result = try PathwaysTool.run(["fit", "--csv", Self.nist.appendingPathComponent("Filip.csv").path, "--y", "y", "--x", "x", "--degree", "10", "--format", "json"])
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        #expect(output.conditionNumber > 1e15 && output.conditionNumber < 3e15)   // NIST: about 1.8e15
    }

    @Test func unknownColumnIsAClearError() throws {
        let result = try PathwaysTool.run(["fit", "--csv", Self.nist.appendingPathComponent("Norris.csv").path, "--y", "y", "--x", "z"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Norris.csv:1: z: no column named z; the header has y,x"))
    }

    @Test func versionAndHelp() throws {
        let version = try PathwaysTool.run(["--version"])
        #expect(version.status == 0 && version.stdout == "0.1.0\n")
        let help = try PathwaysTool.run(["--help"])
        #expect(help.status == 0)
        for command in ["run", "check", "solve", "trend", "backtest", "fit", "project", "validate", "targets"] {
            #expect(help.stdout.contains("  \(command) "), "help lists \(command)")
        }
    }
}
