import Foundation
import Simulation
import Studies

/// `analysis.ipynb`: a Jupyter notebook (nbformat 4.5) whose cells read the run's CSV files with pandas
/// and draw a fan chart per indicator and the feasibility dashboard with matplotlib.
///
/// The notebook is written without outputs and with sorted keys and fixed cell ids, so the same run gives
/// the same bytes. It reads the CSVs from its own folder (the working directory Jupyter and nbconvert
/// give it), and uses a Chinese font when one is installed, English labels otherwise.
public struct NotebookWriter: Sendable {
    public let run: StudyRun

    public init(run: StudyRun) { self.run = run }

    /// A cell: `markdown` or `code`, and its source text.
    struct Cell {
        let kind: String
        let source: String
    }

    /// The notebook's JSON text, ending with a line feed.
    public func text() -> String {
        let cells: [[String: Any]] = self.cells().enumerated().map { k, cell in
            var json: [String: Any] = [
                "cell_type": cell.kind, "id": String(format: "cell-%02d", k + 1), "metadata": [String: Any](),
                "source": Self.lines(cell.source),
            ]
            if cell.kind == "code" {
                json["execution_count"] = NSNull()
                json["outputs"] = [Any]()
            }
            return json
        }
        let notebook: [String: Any] = [
            "cells": cells,
            "metadata": [
                "kernelspec": ["display_name": "Python 3", "language": "python", "name": "python3"],
                "language_info": ["name": "python"],
            ],
            "nbformat": 4,
            "nbformat_minor": 5,
        ]
        // Only strings, numbers, arrays, dictionaries and NSNull go in, so serialization cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Source text as Jupyter stores it: lines that keep their line feed, the last without.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if let last = lines.popLast() { lines.append(String(last.dropLast())) }
        return lines.filter { !$0.isEmpty }
    }

    /// A Python string literal: a JSON string (JSON's escapes are Python's).
    static func python(_ s: String) -> String { JSONText.string(s) }

    /// The measure a target's rule compares, as the notebook names it.
    static func measureName(_ measure: TargetRule.Measure) -> String {
        switch measure {
        case .level: return "level"
        case .multipleOf: return "multiple"
        case .cumulative: return "cumulative"
        case .averageGrowth: return "growth"
        }
    }

    func cells() -> [Cell] {
        let study = run.study
        let results = IndicatorResults.all(run).filter(\.hasData)
        let charted = Set(results.map(\.indicator.id))
        let indicators = results.map { r in
            "    \(Self.python(r.indicator.id)): (\(Self.python(r.indicator.name.zh)), \(Self.python(r.indicator.name.en)), \(Self.python(r.indicator.unit))),"
        }.joined(separator: "\n")
        let scenarios = run.scenarios.map { s in
            "    \(Self.python(s.spec.name)): (\(Self.python(s.spec.title.zh)), \(Self.python(s.spec.title.en))),"
        }.joined(separator: "\n")
        let targetKinds = study.targets.filter { charted.contains($0.indicator) }.map { t in
            "    \(Self.python(t.id)): \(Self.python(Self.measureName(t.rule.measure))),"
        }.joined(separator: "\n")
        let verdictColors = Verdict.allCases.map { "    \(Self.python($0.code)): (\(Self.python(StatusStyle.color($0))), \(Self.python(StatusStyle.textColor($0)))),"  }.joined(separator: "\n")
        let verdictLabels = Verdict.allCases.map { "    \(Self.python($0.code)): \(Self.python($0.name.zh)),"  }.joined(separator: "\n")
        let palette = IndicatorChart.palette.map(Self.python).joined(separator: ", ")

        return [
            Cell(kind: "markdown", source: """
                # \(Markup.escapeMarkdown(study.title.zh))
                ## \(Markup.escapeMarkdown(study.title.en))

                This notebook reads the CSV files that `pathways run` wrote next to it (`projections.csv`, `feasibility.csv`, \
                `fits.csv`; columns explained in `Notebooks-out/README.md`) and draws a fan chart for each indicator with \
                data and the feasibility dashboard. Run it top to bottom (*Run All*), or from the command line:

                ```
                jupyter nbconvert --to notebook --execute --output /tmp/executed.ipynb \(Self.folderHint(study))/analysis.ipynb
                ```

                本笔记本读取 `pathways run` 生成的 CSV 文件，绘制各指标的扇形图（历史观测、各情景中位数路径及 80%/95% 区间、规划目标）\
                和目标可行性总览。需要 pandas 和 matplotlib；安装了中文字体（如 Noto Sans CJK SC）时图中显示中文标签。
                """),
            Cell(kind: "code", source: """
                from pathlib import Path
                import warnings

                import numpy as np
                import pandas as pd
                import matplotlib
                import matplotlib.pyplot as plt
                from matplotlib import font_manager

                # The CSV files sit next to this notebook; Jupyter and nbconvert run it with that folder as the
                # working directory. Run from the repository root as a script, it finds them there too.
                HERE = Path.cwd()
                if not (HERE / "projections.csv").exists():
                    HERE = Path(\(Self.python(Self.folderHint(study))))

                # A font with Chinese glyphs when one is installed; English labels only otherwise.
                CJK_CANDIDATES = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "Microsoft YaHei",
                                  "PingFang SC", "WenQuanYi Zen Hei", "SimHei"]
                installed_fonts = {f.name for f in font_manager.fontManager.ttflist}
                CJK_FONT = next((name for name in CJK_CANDIDATES if name in installed_fonts), None)
                if CJK_FONT:
                    plt.rcParams["font.sans-serif"] = [CJK_FONT] + list(plt.rcParams["font.sans-serif"])
                plt.rcParams["font.family"] = "sans-serif"
                plt.rcParams["axes.unicode_minus"] = False
                warnings.filterwarnings("ignore", message="Glyph .* missing")


                def label(zh, en):
                    \"\"\"Both languages when a Chinese font is available, English otherwise.\"\"\"
                    return f"{zh} {en}" if CJK_FONT else en


                print("Reading from", HERE.resolve(), "| Chinese font:", CJK_FONT or "none (English labels)")
                """),
            Cell(kind: "code", source: """
                # Names and units of the indicators with data, scenario titles, and the kind of each target's
                # rule (written by `pathways run` from the study files).
                INDICATORS = {  # id: (Chinese name, English name, unit)
                \(indicators)
                }
                SCENARIOS = {  # name: (Chinese title, English title)
                \(scenarios)
                }
                TARGET_KINDS = {  # target: level | multiple (of a base year) | cumulative | growth (average annual)
                \(targetKinds)
                }
                VERDICT_COLORS = {  # verdict: (background, text); the verdict is p_meet's IPCC likelihood band
                \(verdictColors)
                }
                VERDICT_ZH = {
                \(verdictLabels)
                }
                SCENARIO_COLORS = dict(zip(SCENARIOS, [\(palette)]))
                """),
            Cell(kind: "code", source: """
                # Empty cells are missing values (NaN).
                projections = pd.read_csv(HERE / "projections.csv")
                feasibility = pd.read_csv(HERE / "feasibility.csv")
                fits = pd.read_csv(HERE / "fits.csv")
                print(f"{len(projections)} projection rows, {len(feasibility)} target assessments, {fits.term.isna().sum()} trend fits")
                projections.head()
                """),
            Cell(kind: "code", source: """
                # The trend chosen for each indicator (`chosen` is true) and why, with its estimates by term
                # (rows with a term hold a parameter; the row without one holds the fit's measures).
                chosen = fits[fits.chosen]
                estimates = chosen.dropna(subset=["term"]).pivot(index="indicator", columns="term", values="estimate")
                chosen[chosen.term.isna()][["indicator", "family", "aicc", "reason"]].join(estimates, on="indicator")
                """),
            Cell(kind: "markdown", source: """
                ## Fan charts 扇形图

                Observed values as points; for each scenario the median path (the median of the Monte Carlo paths; \
                for series projected on a log scale it is not the mean) with its 80% and 95% bands; level targets as \
                diamonds at their year.
                """),
            Cell(kind: "code", source: """
                def fan_chart(indicator):
                    zh, en, unit = INDICATORS.get(indicator, (indicator, indicator, ""))
                    rows = projections[projections.indicator == indicator]
                    first_scenario = rows.scenario.iloc[0]
                    observed = rows[rows.kind.isin(["observed", "chained"]) & (rows.scenario == first_scenario)].sort_values("year")
                    fig, ax = plt.subplots(figsize=(8, 5))
                    drawn = []  # paths already drawn: a scenario with the same numbers is dashed, without bands
                    for scenario, color in SCENARIO_COLORS.items():
                        p = rows[(rows.scenario == scenario) & (rows.kind == "projected")].sort_values("year")
                        if p.empty:
                            continue
                        anchor = observed[observed.year < p.year.min()].tail(1)
                        start = anchor.value.to_numpy()
                        years = np.concatenate([anchor.year.to_numpy(), p.year.to_numpy()])
                        median = np.concatenate([start, p.value.to_numpy()])
                        numbers = p[["year", "value", "lo80", "hi80", "lo95", "hi95"]].to_numpy(dtype=float)
                        same = next((name for name, other in drawn if other.shape == numbers.shape
                                     and np.array_equal(other, numbers, equal_nan=True)), None)
                        drawn.append((scenario, numbers))
                        if same:
                            ax.plot(years, median, color=color, linewidth=2, linestyle=(0, (4, 4)),
                                    label=label(SCENARIOS[scenario][0], scenario) + f" = {same}")
                            continue
                        if p.lo95.notna().all():
                            ax.fill_between(years, np.concatenate([start, p.lo95]), np.concatenate([start, p.hi95]),
                                            color=color, alpha=0.12, linewidth=0)
                            ax.fill_between(years, np.concatenate([start, p.lo80]), np.concatenate([start, p.hi80]),
                                            color=color, alpha=0.22, linewidth=0)
                        ax.plot(years, median, color=color, linewidth=2, label=label(*SCENARIOS[scenario]) + " (median)")
                    ax.scatter(observed.year, observed.value, color="#222222", zorder=3, label=label("观测值", "Observed"))
                    targets = feasibility[(feasibility.indicator == indicator) & (feasibility.scenario == first_scenario)]
                    for _, t in targets.iterrows():
                        if TARGET_KINDS.get(t.target) in ("level", "multiple") and pd.notna(t.target_value):
                            ax.axhline(t.target_value, color="#B2182B", linewidth=0.8, linestyle=":")
                            ax.scatter([t.year], [t.target_value], marker="D", s=70, color="#B2182B", zorder=4,
                                       label=label("目标", "Target") + f" {t.op} {t.target_value:g} ({t.year})")
                    ax.set_title(label(zh, "\\n" + en) if CJK_FONT else en)
                    ax.set_xlabel(label("年份", "Year"))
                    ax.set_ylabel(unit)
                    ax.xaxis.get_major_locator().set_params(integer=True)
                    ax.grid(alpha=0.3)
                    ax.legend(fontsize=8)
                    fig.tight_layout()
                    return fig


                for indicator in INDICATORS:
                    if (projections.indicator == indicator).any():
                        fig = fan_chart(indicator)
                        plt.show()
                        plt.close(fig)
                """),
            Cell(kind: "markdown", source: """
                ## Feasibility dashboard 目标可行性总览

                One row per target with data, one column per scenario: the number is `p_meet`, the probability that the \
                target is met; the colour and the words are its verdict, the IPCC likelihood band of `p_meet` (or the \
                observed outcome when the target year is observed; see `Notebooks-out/README.md`).
                """),
            Cell(kind: "code", source: """
                verdict = feasibility.pivot(index="target", columns="scenario", values="verdict")
                p_meet = feasibility.pivot(index="target", columns="scenario", values="p_meet")
                shown = verdict.index[(verdict != "no data").any(axis=1)]
                print(f"{len(verdict)} targets; {len(verdict) - len(shown)} have no data; {len(shown)} shown")
                pd.crosstab(feasibility.verdict, feasibility.scenario)
                """),
            Cell(kind: "code", source: """
                if len(shown):
                    s, p = verdict.loc[shown], p_meet.loc[shown]
                    colors = np.array([[matplotlib.colors.to_rgb(VERDICT_COLORS[v][0]) for v in row] for row in s.to_numpy()])
                    fig, ax = plt.subplots(figsize=(3 + 2 * s.shape[1], 1.6 + 0.8 * s.shape[0]))
                    ax.imshow(colors, aspect="auto")
                    for i in range(s.shape[0]):
                        for j in range(s.shape[1]):
                            value = p.iat[i, j]
                            text = ("–" if pd.isna(value) else f"{value:.0%}") + "\\n" + label(VERDICT_ZH[s.iat[i, j]], s.iat[i, j])
                            ax.text(j, i, text, ha="center", va="center", fontsize=9, color=VERDICT_COLORS[s.iat[i, j]][1])
                    ax.set_xticks(range(s.shape[1]), [f"{SCENARIOS.get(c, (c, c))[0]}\\n{c}" if CJK_FONT else c for c in s.columns])
                    ax.xaxis.tick_top()
                    ax.set_yticks(range(s.shape[0]), list(s.index))
                    ax.set_title(label("目标可行性：p_meet 与判断", "Feasibility: p_meet and its verdict"), pad=36)
                    fig.tight_layout()
                    plt.show()
                    plt.close(fig)
                feasibility[feasibility.verdict != "no data"][
                    ["scenario", "target", "year", "op", "target_value", "projected", "lo80", "hi80", "p_meet", "verdict", "gap",
                     "pace_needed", "pace_projected", "pace_unit", "status", "escap_action", "note"]
                ]
                """),
        ]
    }

    /// The output folder relative to the repository root, for running the notebook from there.
    static func folderHint(_ study: Study) -> String { "Notebooks-out/\(study.id)" }
}
