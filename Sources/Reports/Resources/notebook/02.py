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
    HERE = Path({{pathways.folder_python}})

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
    """Both languages when a Chinese font is available, English otherwise."""
    return f"{zh} {en}" if CJK_FONT else en


print("Reading from", HERE.resolve(), "| Chinese font:", CJK_FONT or "none (English labels)")