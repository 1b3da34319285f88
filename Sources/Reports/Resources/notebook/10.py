if len(shown):
    s, p = verdict.loc[shown], p_meet.loc[shown]
    colors = np.array([[matplotlib.colors.to_rgb(VERDICT_COLORS[v][0]) for v in row] for row in s.to_numpy()])
    fig, ax = plt.subplots(figsize=(3 + 2 * s.shape[1], 1.6 + 0.8 * s.shape[0]))
    ax.imshow(colors, aspect="auto")
    for i in range(s.shape[0]):
        for j in range(s.shape[1]):
            value = p.iat[i, j]
            text = ("–" if pd.isna(value) else f"{value:.0%}") + "\n" + label(VERDICT_ZH[s.iat[i, j]], s.iat[i, j])
            ax.text(j, i, text, ha="center", va="center", fontsize=9, color=VERDICT_COLORS[s.iat[i, j]][1])
    ax.set_xticks(range(s.shape[1]), [f"{SCENARIOS.get(c, (c, c))[0]}\n{c}" if CJK_FONT else c for c in s.columns])
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