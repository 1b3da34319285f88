# The trend chosen for each indicator (`chosen` is true) and why, with its estimates by term
# (rows with a term hold a parameter; the row without one holds the fit's measures).
chosen = fits[fits.chosen]
estimates = chosen.dropna(subset=["term"]).pivot(index="indicator", columns="term", values="estimate")
chosen[chosen.term.isna()][["indicator", "family", "aicc", "reason"]].join(estimates, on="indicator")