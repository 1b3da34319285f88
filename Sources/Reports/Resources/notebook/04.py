# Empty cells are missing values (NaN).
projections = pd.read_csv(HERE / "projections.csv")
feasibility = pd.read_csv(HERE / "feasibility.csv")
fits = pd.read_csv(HERE / "fits.csv")
print(f"{len(projections)} projection rows, {len(feasibility)} target assessments, {fits.term.isna().sum()} trend fits")
projections.head()