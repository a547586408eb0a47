#!/usr/bin/python3
# report-bench.py: the board pack's charts with pandas and matplotlib, the
# yardstick of bench/report-bench.  Reads the same rollup Flywheel reads
# (rollup_monthly, rollup_daily for the day range) with the sqlite3 module
# and draws the same pages into a multi-page A4 landscape PDF: cover,
# summary, CX and EX trends with 95% adjusted-Wald bands, CX and EX by unit
# (employee units below the threshold hidden), and CX x EX by unit-quarter
# at the lag that fits best, then the comments and method pages as text.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: report-bench.py DATABASE OUT.pdf

import sqlite3
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

MIN_GROUP = 5
EX_MIN_N = 5
CX_MIN_N = 30
MIN_PAIRS = 8
LAGS = (0, 1, 2, 4)
A4_LANDSCAPE = (11.69, 8.27)


def nps_frame(frame):
    """NPS and its adjusted-Wald 95% interval (Rocks 2016) per row."""
    n = frame["n"].astype(float)
    p = frame["promoters"] / n
    d = frame["detractors"] / n
    n2 = n + 3
    p2 = (frame["promoters"] + 0.75) / n2
    d2 = (frame["detractors"] + 0.75) / n2
    v = p2 + d2 - (p2 - d2) ** 2
    half = 1.96 * 100 * np.sqrt(v / n2)
    out = frame.copy()
    out["nps"] = 100 * (p - d)
    out["low"] = 100 * (p2 - d2) - half
    out["high"] = 100 * (p2 - d2) + half
    return out


def main(database, output):
    db = sqlite3.connect(database)
    units = pd.read_sql_query(
        "SELECT id, coalesce (merged_into, id) AS target, name FROM units", db)
    names = units.set_index("id")["name"]
    units["name"] = units["target"].map(names)
    monthly = pd.read_sql_query(
        "SELECT month, kind, unit_id, n, promoters, passives, detractors FROM rollup_monthly",
        db)
    days = pd.read_sql_query("SELECT min (day) AS first, max (day) AS last FROM rollup_daily", db)
    monthly = monthly.merge(units[["id", "name"]], how="left", left_on="unit_id", right_on="id")
    monthly["name"] = monthly["name"].fillna("(no unit)")
    monthly["quarter"] = pd.PeriodIndex(monthly["month"], freq="Q").astype(str)
    counts = ["n", "promoters", "passives", "detractors"]

    totals = nps_frame(monthly.groupby("kind")[counts].sum())
    trend = {kind: nps_frame(group.groupby("month")[counts].sum())
             for kind, group in monthly.groupby("kind")}
    by_unit = {kind: nps_frame(group.groupby("name")[counts].sum())
               for kind, group in monthly.groupby("kind")}
    # Employee units below the threshold keep their row, without figures.
    ex_units = by_unit["employee"]
    ex_units.loc[ex_units["n"] < MIN_GROUP, ["nps", "low", "high"]] = np.nan

    cells = {kind: nps_frame(group.groupby(["name", "quarter"])[counts].sum()).reset_index()
             for kind, group in monthly.groupby("kind")}
    quarters = sorted(set(cells["employee"]["quarter"]) | set(cells["customer"]["quarter"]))
    best = None
    for lag in LAGS:
        ex = cells["employee"][cells["employee"]["n"] >= EX_MIN_N].copy()
        cx = cells["customer"][cells["customer"]["n"] >= CX_MIN_N]
        shift = {q: quarters[i + lag] for i, q in enumerate(quarters) if i + lag < len(quarters)}
        ex["cx_quarter"] = ex["quarter"].map(shift)
        pairs = ex.merge(cx, left_on=["name", "cx_quarter"], right_on=["name", "quarter"],
                         suffixes=("_ex", "_cx"))
        if len(pairs) >= MIN_PAIRS:
            r = pairs["nps_ex"].corr(pairs["nps_cx"])
            if best is None or abs(r) > abs(best[1]):
                best = (lag, r, pairs)

    with PdfPages(output) as pdf:
        def text_page(title, lines):
            fig = plt.figure(figsize=A4_LANDSCAPE)
            fig.text(0.06, 0.9, title, fontsize=22, weight="bold")
            for i, line in enumerate(lines):
                fig.text(0.06, 0.8 - i * 0.05, line, fontsize=12)
            fig.text(0.06, 0.04, f"Period: {days['first'][0]} to {days['last'][0]}", fontsize=8)
            pdf.savefig(fig)
            plt.close(fig)

        text_page("Customer and Employee Experience",
                  [f"{days['first'][0]} to {days['last'][0]}"])
        text_page("Summary", [
            f"{kind}: NPS {row.nps:+.1f} (95% interval {row.low:+.1f} to {row.high:+.1f}), "
            f"n = {int(row.n)}" for kind, row in totals.iterrows()])

        for kind, title in (("customer", "Customer NPS over time"),
                            ("employee", "Employee eNPS over time")):
            frame = trend[kind]
            fig, ax = plt.subplots(figsize=A4_LANDSCAPE)
            x = pd.to_datetime(frame.index)
            ax.fill_between(x, frame["low"], frame["high"], alpha=0.2)
            ax.plot(x, frame["nps"], marker="o")
            ax.bar(x, frame["n"] / frame["n"].max() * 20 - 40, width=20, bottom=0, alpha=0.3)
            ax.set_title(title)
            ax.grid(True, alpha=0.3)
            pdf.savefig(fig)
            plt.close(fig)

        for kind, title in (("customer", "Customer NPS by unit"),
                            ("employee", "Employee eNPS by unit")):
            frame = by_unit[kind].sort_values("nps")
            fig, ax = plt.subplots(figsize=A4_LANDSCAPE)
            shares = frame[["detractors", "passives", "promoters"]].div(frame["n"], axis=0) * 100
            shares[frame["nps"].isna()] = 0
            ax.barh(frame.index, -shares["detractors"], color="#e66100")
            ax.barh(frame.index, shares["passives"], color="#c0bfbc")
            ax.barh(frame.index, shares["promoters"], left=shares["passives"], color="#1c71d8")
            for i, (name, row) in enumerate(frame.iterrows()):
                label = "fewer than 5 responses" if np.isnan(row.nps) else f"{row.nps:+.1f}"
                ax.text(102, i, label, va="center")
            ax.set_title(title)
            pdf.savefig(fig)
            plt.close(fig)

        fig, ax = plt.subplots(figsize=A4_LANDSCAPE)
        if best is not None:
            lag, r, pairs = best
            ax.scatter(pairs["nps_ex"], pairs["nps_cx"], s=np.sqrt(pairs["n_cx"]) * 3, alpha=0.5)
            slope, intercept = np.polyfit(pairs["nps_ex"], pairs["nps_cx"], 1)
            xs = np.linspace(pairs["nps_ex"].min(), pairs["nps_ex"].max(), 10)
            ax.plot(xs, slope * xs + intercept)
            ax.set_title(f"eNPS and NPS {lag} quarter(s) later: r = {r:.2f}, "
                         f"{len(pairs)} unit-quarters. An association, not causation.")
        pdf.savefig(fig)
        plt.close(fig)

        text_page("What detractors say", ["(comments are not in the rollup)"])
        text_page("Method and sources", [
            "NPS = % promoters (9-10) - % detractors (0-6).",
            "95% intervals: adjusted Wald (Rocks 2016).",
            f"Employee groups below {MIN_GROUP} responses are not shown."])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: report-bench.py DATABASE OUT.pdf")
    main(sys.argv[1], sys.argv[2])
