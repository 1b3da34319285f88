import ArgumentParser

/// The `pathways` command: will a development plan hit its targets, and what would it take?
@main
struct Pathways: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathways",
        abstract: "Fit trends, run what-if scenarios and check the feasibility of development-plan targets.",
        version: PathwaysVersion.current,
        subcommands: [
            Init.self,
            Template.self,
            Import.self,
            Fit.self,
            Validate.self,
            Targets.self,
            Run.self,
            Retro.self,
            Trend.self,
            Backtest.self,
            Check.self,
            Solve.self,
            Project.self,
        ]
    )
}

/// The version printed by `pathways --version`.
enum PathwaysVersion {
    static let current = "0.1.0"
}
