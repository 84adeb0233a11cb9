"""What an analyst would otherwise write with pandas: the same scheme scored column by column
with NumPy floats (np.interp, np.select, clip, round), for a table in the wide layout with
every value present. Fast, and not exact: binary floats, and pandas' round() breaks ties to
even on the binary value. `compare_all.py` times it and checks it against the core.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _rubric(r: dict, v: np.ndarray) -> np.ndarray:
    t = r["type"]
    if t in ("piecewise", "linear"):
        if t == "linear":
            pts = sorted([(float(r["zero_at"]), 0.0), (float(r["full_at"]), 100.0)])
        else:
            pts = [(float(x), float(y)) for x, y in r["points"]]
        return np.interp(v, [p[0] for p in pts], [p[1] for p in pts])
    if t == "bands":
        hi = r["direction"] == "higher_better"
        key = "at_least" if hi else "at_most"
        conds = [(v >= float(s[key])) if hi else (v <= float(s[key])) for s in r["steps"]]
        return np.select(conds, [float(s["score"]) for s in r["steps"]], float(r["otherwise"]))
    if t == "deduction":
        units = np.maximum(0.0, v - float(r.get("free_units", 0)))
        return np.maximum(float(r.get("floor", 0)), float(r.get("full", 100)) - float(r["per_unit"]) * units)
    if t == "ratio":
        target = float(r["target"])
        if r["direction"] == "higher_better":
            return 100.0 * v / target
        with np.errstate(divide="ignore"):
            return np.where(v == 0, 100.0, 100.0 * target / np.where(v == 0, 1.0, v))
    return v  # direct


def score_frame(scheme: dict, df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Totals (float, rounded to 2) and grade ids for every row."""
    base_num = np.zeros(len(df))
    base_den = 0.0
    for cat in scheme["categories"]:
        num = np.zeros(len(df))
        den = 0.0
        for ind in cat["indicators"]:
            v = df[ind["id"]].to_numpy(dtype=float)
            s = np.round(np.clip(_rubric(ind["rubric"], v), 0.0, 100.0), 2)
            w = float(ind["weight"])
            num += w * s
            den += w
        cs = np.round(num / den, 2)
        w = float(cat["weight"])
        base_num += w * cs
        base_den += w
    base = np.round(base_num / base_den, 2)
    adj = np.zeros(len(df))
    for a in scheme.get("adjustments", []):
        p = float(a["points_per_unit"]) * df[f"events.{a['event']}"].to_numpy(dtype=float)
        if "cap" in a:
            p = np.clip(p, -float(a["cap"]), float(a["cap"]))
        adj += p
    total = np.round(np.clip(base + adj, 0.0, float(scheme.get("total", {}).get("ceiling", 100))), 2)
    grades = scheme["grades"]
    cap = np.zeros(len(df), dtype=int)
    for v in scheme.get("vetoes", []):
        fired = df[f"events.{v['when']['event']}"].to_numpy() >= int(v["when"].get("at_least", 1))
        if v["effect"]["type"] == "zero_total":
            total = np.where(fired, 0.0, total)
        elif v["effect"]["type"] == "cap_grade":
            g = next(i for i, x in enumerate(grades) if x["id"] == v["effect"]["grade"])
            cap = np.where(fired, np.maximum(cap, g), cap)
    idx = np.select([total >= float(g["min"]) for g in grades], list(range(len(grades))), len(grades) - 1)
    idx = np.maximum(idx, cap)
    return total, np.array([g["id"] for g in grades])[idx]
