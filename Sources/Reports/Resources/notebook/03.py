# Names and units of the indicators with data, scenario titles, and the kind of each target's
# rule (written by `pathways run` from the study files).
INDICATORS = {  # id: (Chinese name, English name, unit)
{{pathways.indicators}}
}
SCENARIOS = {  # name: (Chinese title, English title)
{{pathways.scenarios}}
}
TARGET_KINDS = {  # target: level | multiple (of a base year) | cumulative | growth (average annual)
{{pathways.target_kinds}}
}
VERDICT_COLORS = {  # verdict: (background, text); the verdict is p_meet's IPCC likelihood band
{{pathways.verdict_colors}}
}
VERDICT_ZH = {
{{pathways.verdict_labels}}
}
SCENARIO_COLORS = dict(zip(SCENARIOS, [{{pathways.palette}}]))