"""What an analyst would otherwise write: a straightforward pure-Python `decimal` scorer for a
scheme in the SPEC JSON shape (the subset the built-in schemes use: every rubric, 360 groups
with min_raters and trim, N/A renormalisation, min_sample, adjustments with caps and limits,
vetoes, grades). Used by bench_compare.py to time against the Rust core, and to check that
both give the same totals and grades.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

D100 = Decimal(100)


def rnd(x: Decimal, dp: int = 2) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-dp), rounding=ROUND_HALF_UP)


def rubric_score(r: dict, v) -> Decimal:
    t = r["type"]
    if t == "scale":
        return next(Decimal(l["score"]) for l in r["levels"] if l["key"] == v)
    if t == "pass_fail":
        return Decimal(r.get("pass", "100")) if v else Decimal(r.get("fail", "0"))
    v = Decimal(str(v))
    if t in ("piecewise", "linear"):
        if t == "linear":
            pts = sorted([(Decimal(r["zero_at"]), Decimal(0)), (Decimal(r["full_at"]), D100)])
        else:
            pts = [(Decimal(x), Decimal(y)) for x, y in r["points"]]
        if v <= pts[0][0]:
            return pts[0][1]
        if v >= pts[-1][0]:
            return pts[-1][1]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            if x0 <= v <= x1:
                return (y0 * (x1 - x0) + (v - x0) * (y1 - y0)) / (x1 - x0)
    if t == "bands":
        key = "at_least" if r["direction"] == "higher_better" else "at_most"
        for s in r["steps"]:
            b = Decimal(s[key])
            if (v >= b) if key == "at_least" else (v <= b):
                return Decimal(s["score"])
        return Decimal(r["otherwise"])
    if t == "deduction":
        units = max(Decimal(0), v - Decimal(r.get("free_units", "0")))
        return max(Decimal(r.get("floor", "0")), Decimal(r.get("full", "100")) - Decimal(r["per_unit"]) * units)
    if t == "ratio":
        target = Decimal(r["target"])
        if r["direction"] == "higher_better":
            return D100 * v / target
        return D100 if v == 0 else D100 * target / v
    return v  # direct


def clamp(x: Decimal) -> Decimal:
    return min(max(x, Decimal(0)), D100)


def score(scheme: dict, rec: dict) -> tuple[Decimal | None, str | None]:
    values, samples, ratings, events = (rec.get(k) or {} for k in ("values", "samples", "ratings", "events"))
    raw = {}
    num = den = Decimal(0)
    cov = Decimal(0)
    fired = []
    cats = {}
    measured = {}
    for cat in scheme["categories"]:
        cn = cd = Decimal(0)
        for ind in cat["indicators"]:
            iid, w = ind["id"], Decimal(ind["weight"])
            s = None
            ms = ind.get("min_sample")
            if ms is not None and int(samples.get(iid, -1)) < int(ms):
                pass
            elif "raters" in ind:
                groups = []
                for g in ind["raters"]["groups"]:
                    sc = sorted(rnd(clamp(rubric_score(ind["rubric"], x["value"]))) for x in ratings.get(iid) or []
                                if x["group"] == g["id"] and x["value"] is not None)
                    trim = int(ind["raters"].get("trim", 0))
                    if len(sc) < int(g.get("min_raters", 1)) or Decimal(g["weight"]) == 0:
                        continue
                    if trim and len(sc) > 2 * trim:
                        sc = sc[trim:-trim]
                    groups.append((Decimal(g["weight"]), sum(sc), len(sc)))
                if groups:
                    s = rnd(sum(W * T / m for W, T, m in groups) / sum(W for W, _, _ in groups))
            elif values.get(iid) is not None:
                raw[iid] = values[iid]
                s = rnd(clamp(rubric_score(ind["rubric"], values[iid])))
            if s is not None:
                cov += Decimal(cat["weight"]) * w / D100
                measured[cat["id"]] = measured.get(cat["id"], Decimal(0)) + Decimal(cat["weight"]) * w / D100
                if w:
                    cn += w * s
                    cd += w
        cats[cat["id"]] = rnd(cn / cd) if cd else None
    for v in scheme.get("vetoes", []):
        wh = v["when"]
        if "event" in wh:
            hit = int(events.get(wh["event"], 0)) >= int(wh.get("at_least", 1))
        else:
            x = raw.get(wh["indicator"])
            hit = x is not None and {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
                                     ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}[wh["op"]](Decimal(str(x)), Decimal(wh["value"]))
        if hit:
            fired.append(v)
    for v in fired:
        if v["effect"]["type"] == "zero_category":
            cid = v["effect"]["category"]
            cats[cid] = Decimal(0)
            cov -= measured.get(cid, Decimal(0))  # a vetoed category's indicators are not measured
    for cat in scheme["categories"]:
        if cats[cat["id"]] is not None and Decimal(cat["weight"]):
            num += Decimal(cat["weight"]) * cats[cat["id"]]
            den += Decimal(cat["weight"])
    if not den:
        return None, None
    base = rnd(num / den)
    a_sum = Decimal(0)
    for a in scheme.get("adjustments", []):
        p = Decimal(a["points_per_unit"]) * int(events.get(a["event"], 0))
        if "cap" in a:
            p = max(-Decimal(a["cap"]), min(Decimal(a["cap"]), p))
        a_sum += p
    tot = scheme.get("total", {})
    if "adjustment_min" in tot:
        a_sum = max(a_sum, Decimal(tot["adjustment_min"]))
    if "adjustment_max" in tot:
        a_sum = min(a_sum, Decimal(tot["adjustment_max"]))
    total = rnd(min(max(base + a_sum, Decimal(0)), Decimal(tot.get("ceiling", "100"))))
    if any(v["effect"]["type"] == "zero_total" for v in fired):
        total = rnd(Decimal(0))
    if rnd(cov) < Decimal(scheme.get("missing", {}).get("min_coverage", "0")):
        return total, None
    grades = scheme["grades"]
    idx = next(i for i, g in enumerate(grades) if total >= Decimal(g["min"]))
    for v in fired:
        if v["effect"]["type"] == "cap_grade":
            idx = max(idx, next(i for i, g in enumerate(grades) if g["id"] == v["effect"]["grade"]))
    return total, grades[idx]["id"]
