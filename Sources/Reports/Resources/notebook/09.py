verdict = feasibility.pivot(index="target", columns="scenario", values="verdict")
p_meet = feasibility.pivot(index="target", columns="scenario", values="p_meet")
shown = verdict.index[(verdict != "no data").any(axis=1)]
print(f"{len(verdict)} targets; {len(verdict) - len(shown)} have no data; {len(shown)} shown")
pd.crosstab(feasibility.verdict, feasibility.scenario)