"""Writes every input form of InputFormsTests from the numbers below, with Python's own encoders and openpyxl
(pip install openpyxl; run from this folder: python3 make_forms.py). study/history.csv is the plain long CSV;
every other file holds the same numbers in another form, and must give the same history."""
import codecs, csv, io
from decimal import Decimal
import openpyxl

SOURCE = "Example yearbook 2023, table 3-1"
YEARS = list(range(2016, 2023))
NAMES = {"gdp": "地区生产总值", "urbanization_rate": "常住人口城镇化率", "rural_income": "农村常住居民人均可支配收入"}
UNITS = {"gdp": "亿元", "urbanization_rate": "%", "rural_income": "元"}
DATA = {  # None: no value that year (left out of the plain CSV, a missing mark elsewhere)
    "gdp": ["4512.3", "4870.1", "5234.56", "5601", "5780.25", "6300.7", "6552"],
    "urbanization_rate": ["61", "61.9", "62.8", None, "64.5", "65.1", "65.8"],
    "rural_income": ["24000", "26105", "28412", "30931", "32617", "35812", "38006"],
}

def thousands(text):
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}" + ("." + fraction if fraction else "")

def csv_text(rows, delimiter=","):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()

# The plain long CSV: UTF-8, English header, ids, one observation a row.
plain = [["indicator", "year", "value", "source"]]
for ind, values in DATA.items():
    plain += [[ind, str(y), v, SOURCE] for y, v in zip(YEARS, values) if v is not None]
open("study/history.csv", "w", encoding="utf-8", newline="").write(csv_text(plain).replace("\r\n", "\n"))

# GBK (GB18030) with Chinese headers and Chinese indicator names, as Chinese Excel saves "CSV".
gbk = [["指标", "年份", "数值", "来源"]]
for ind, values in DATA.items():
    gbk += [[NAMES[ind], f"{y}年", v, SOURCE] for y, v in zip(YEARS, values) if v is not None]
open("long-gbk.csv", "wb").write(csv_text(gbk).encode("gb18030"))

# Excel's "Unicode text": UTF-16LE with a byte-order mark, tab-separated, here a wide table.
wide = [["indicator", "unit"] + [str(y) for y in YEARS] + ["source"]]
for ind, values in DATA.items():
    wide.append([ind, UNITS[ind]] + [v or "" for v in values] + [SOURCE])
open("unicode-text.txt", "wb").write(codecs.BOM_UTF16_LE + csv_text(wide, "\t").encode("utf-16-le"))

# A yearbook table: UTF-8 with BOM, wide, 年 in the year headers, thousands separators, "…" for no data,
# full-width digits in one cell.
book = [["指标", "单位"] + [f"{y}年" for y in YEARS] + ["来源"]]
for ind, values in DATA.items():
    cells = [thousands(v) if v else "…" for v in values]
    book.append([NAMES[ind], UNITS[ind]] + cells + [SOURCE])
book[1][2 + 3] = "５，６０１"  # gdp 2019 in full-width digits and comma
open("yearbook-wide.csv", "w", encoding="utf-8-sig", newline="").write(csv_text(book))

# Long, with thousands separators, a percent sign on the share, and empty and "-" rows that are skipped.
rows = [["indicator", "year", "value", "source"]]
for ind, values in DATA.items():
    for y, v in zip(YEARS, values):
        if v is None:
            rows.append([ind, str(y), "-", SOURCE])
        elif ind == "urbanization_rate":
            rows.append([ind, str(y), v + "%", SOURCE])
        else:
            rows.append([ind, str(y), thousands(v), SOURCE])
    rows.append([ind, "2023", "", SOURCE])  # not yet published: an empty cell
open("thousands-and-empty.csv", "w", encoding="utf-8", newline="").write(csv_text(rows))

# A workbook with two sheets: "GDP" (long, first) and "收入与城镇化" (wide, years as numbers, the share as a
# cell formatted 0.0% holding a fraction, an empty cell for the missing year).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "GDP"
ws.append(["indicator", "year", "value", "source"])
for y, v in zip(YEARS, DATA["gdp"]):
    ws.append(["gdp", y, float(v), SOURCE])
ws2 = wb.create_sheet("收入与城镇化")
ws2.append(["指标", "来源"] + YEARS)
for ind in ["urbanization_rate", "rural_income"]:
    row = [NAMES[ind], SOURCE]
    for v in DATA[ind]:
        # Excel stores 65.1% as the double nearest 0.651; float(v) / 100 would be a different one.
        row.append(None if v is None else (float(str(Decimal(v) / 100)) if ind == "urbanization_rate" else int(v)))
    ws2.append(row)
for cell in ws2[2][2:]:
    cell.number_format = "0.0%"
wb.save("workbook.xlsx")
