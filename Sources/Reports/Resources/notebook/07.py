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
    ax.set_title(label(zh, "\n" + en) if CJK_FONT else en)
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