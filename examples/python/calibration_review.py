"""Is this score fair, and how sure are we? The analyst's view of the sample centre.

Prints, and plots into one PNG:
1. an evaluator × criterion alignment heatmap of the bundled QA calibration sessions
   (examples/data/calibration-2026-01.jsonl, scored with the built-in qa_form), the strict and
   lenient evaluators named;
2. a leniency chart of the 360 raters in examples/data/rater-pool-2026-Q3.jsonl: each rater's
   mean deviation from the other raters with its confidence interval;
3. a "grade uncertain" table of the sample centre: the agents whose grade sits inside the
   margin of error of their survey indicators (Wilson intervals);
4. inter-rater reliability (Krippendorff's alpha, ICC) of the sample centre's 360 indicators.

Every number comes from the core, exact and rounded once; the script only arranges them.

    python examples/python/calibration_review.py [--out calibration_review.png]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import appraisal

DATA = Path(__file__).resolve().parents[1] / "data"


def lines(name: str) -> list[dict]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [json.loads(l) for l in text.splitlines() if l.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="calibration_review.png")
    args = ap.parse_args()

    # 1. Calibration sessions.
    qa = appraisal.Scheme.builtin("qa_form")
    cal = qa.calibrate(lines("calibration-2026-01.jsonl"))
    criteria = [c["indicator"] for c in cal["criteria"]]
    evaluators = [e["evaluator"] for e in cal["evaluators"]]
    print(f"Calibration: {cal['sessions']} sessions, {cal['contacts']} contacts")
    print(f"{'evaluator':<10} {'alignment':>9} {'deviation':>10}  interval              flag")
    for e in cal["evaluators"]:
        iv = e["interval"]
        print(f"{e['evaluator']:<10} {e['alignment']:>9} {e['deviation']:>10}  [{iv['lo']}, {iv['hi']}]  {e['flag'] or ''}")
    print(f"strictest: {cal['strictest']}, most lenient: {cal['most_lenient']}")
    print("criteria by spread:", ", ".join(f"{c['indicator']} {c['spread']}" for c in cal["criteria"]))

    # 2. Rater leniency in 360 ratings.
    csr = appraisal.Scheme.builtin("csr")
    pool = csr.leniency(lines("rater-pool-2026-Q3.jsonl"))
    flagged = [(r["rater"], r["flag"]) for r in pool["raters"] if r["flag"]]
    print("\n360 raters flagged:", ", ".join(f"{r} ({f})" for r, f in flagged) or "none")
    # The optional, explicit correction (mean shift within pools of >= 10 raters): a new input,
    # whose scorecards say they were corrected; leniency measured again on it.
    corrected = csr.correct_ratings(lines("rater-pool-2026-Q3.jsonl"))
    after = [(r["rater"], r["flag"]) for r in csr.leniency(corrected["records"])["raters"] if r["flag"]]
    print(f"after a mean-shift correction ({len(corrected['changes'])} ratings in "
          f"{sum(p['corrected'] for p in corrected['pools'])} pools):",
          ", ".join(f"{r} ({f})" for r, f in after) or "none flagged")
    print("  first scorecard:", csr.score(corrected["records"][0]).rating_correction)

    # 3. Grade uncertain in the sample centre (its csr agents).
    centre = [r for r in lines("sample-centre-2026-Q3.jsonl") if r.get("role", "csr") == "csr"]
    unc = csr.uncertainty(centre)
    uncertain = [r for r in unc["records"] if r["grade_uncertain"]]
    print(f"\nGrade uncertain: {len(uncertain)} of {len(unc['records'])} agents")
    print(f"{'employee':<9} {'total':>6}  {'interval':<16} grade  boundary")
    for r in uncertain:
        iv, b = r["total_interval"], ", ".join(f"{x['grade']} >= {x['min']}" for x in r["boundaries"])
        print(f"{r['employee']:<9} {r['total']:>6}  [{iv['lo']}, {iv['hi']}]  {r['grade']:<5}  {b}")

    # 4. Reliability of the 360 indicators.
    rel = csr.reliability(centre)
    for i in rel["indicators"]:
        a = i["alpha"]
        print(f"\n{i['indicator']}: alpha nominal {a['nominal']}, ordinal {a['ordinal']}, interval {a['interval']}")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(17, 5.5))
    # heatmap: evaluator × criterion alignment (blank where never compared)
    grid = [[float("nan")] * len(criteria) for _ in evaluators]
    for i, e in enumerate(cal["evaluators"]):
        for c in e["by_criterion"]:
            if c["alignment"] is not None:
                grid[i][criteria.index(c["indicator"])] = float(c["alignment"])  # plotting only
    ax = axes[0]
    im = ax.imshow(grid, cmap="RdYlGn", vmin=0.5, vmax=1.0, aspect="auto")
    ax.set_xticks(range(len(criteria)), criteria, rotation=45, ha="right")
    ax.set_yticks(range(len(evaluators)), [f"{e['evaluator']} {e['flag'] or ''}" for e in cal["evaluators"]])
    ax.set_title("Evaluator alignment by criterion (QA calibration)")
    fig.colorbar(im, ax=ax, fraction=0.046)
    # leniency chart with intervals
    ax = axes[1]
    raters = pool["raters"]
    ys = list(range(len(raters)))
    for y, r in zip(ys, raters):
        if r["interval"] is None:
            continue
        lo, hi, m = (float(r["interval"]["lo"]), float(r["interval"]["hi"]), float(r["deviation"]))  # plotting only
        colour = {"lenient": "tab:green", "severe": "tab:red"}.get(r["flag"] or "", "tab:gray")
        ax.plot([lo, hi], [y, y], color=colour, linewidth=2)
        ax.plot([m], [y], "o", color=colour)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(ys, [r["rater"] for r in raters])
    ax.set_xlabel("mean deviation from the other raters (score points)")
    ax.set_title("360 rater leniency, 95% intervals")
    # grade-uncertain table
    ax = axes[2]
    ax.axis("off")
    rows = [[r["employee"], r["total"], f"[{r['total_interval']['lo']}, {r['total_interval']['hi']}]", r["grade"],
             ", ".join(f"{b['grade']} ≥ {b['min']}" for b in r["boundaries"])] for r in uncertain] or [["—"] * 5]
    table = ax.table(cellText=rows, colLabels=["employee", "total", "interval", "grade", "boundary"], loc="upper center")
    table.scale(1, 1.3)
    ax.set_title("Grade uncertain (Wilson intervals of survey indicators)")
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f"\nsaved {args.out}")


if __name__ == "__main__":
    main()
