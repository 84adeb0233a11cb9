"""Quarterly review of the bundled sample centre, the way an analyst would do it in a notebook.

Loads examples/data (records + roster), scores every agent with the built-in scheme of their
role, prints a summary per team, and saves a PNG with the grade distribution and the category
averages per team.

    python examples/python/quarterly_review.py [--out quarterly_review.png]
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import appraisal

DATA = Path(__file__).resolve().parents[1] / "data"
GRADES = ["S", "A", "B", "C", "D"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="quarterly_review.png")
    args = ap.parse_args()

    records = [json.loads(line) for line in (DATA / "sample-centre-2026-Q3.jsonl").read_text(encoding="utf-8").splitlines()]
    roster = {r["employee"]: r for r in csv.DictReader((DATA / "roster.csv").open(encoding="utf-8"))}

    by_role: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_role[r["role"]].append(r)
    cards = []
    for role, recs in by_role.items():
        batch = appraisal.builtin(role).score_many(recs)
        for i, errors in batch.errors.items():
            print(f"{recs[i]['employee']}: {errors}")
        cards += [c for c in batch.results if c is not None]

    teams: dict[str, list] = defaultdict(list)
    for c in cards:
        teams[roster[c.employee]["team"]].append(c)

    def mean(xs: list[Decimal]) -> Decimal:
        # presentation only: the mean of exact totals, shown to 2 places
        return (sum(xs, Decimal(0)) / len(xs)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if xs else Decimal(0)

    print(f"{'team':<10}{'agents':>7}{'mean total':>12}  grades")
    for team, cs in sorted(teams.items()):
        g = Counter(c.grade for c in cs)
        dist = " ".join(f"{k}:{g.get(k, 0)}" for k in GRADES)
        print(f"{team:<10}{len(cs):>7}{mean([c.total for c in cs if c.total is not None])!s:>12}  {dist}")

    # Category averages per team (categories are shared by the three built-in schemes).
    cat_ids = [c["id"] for c in appraisal.builtin("csr").categories]
    cat_names = [c["name"]["en"] for c in appraisal.builtin("csr").categories]
    averages = {
        team: [mean([x["score"] for c in cs for x in c.categories if x["id"] == cid and x["score"] is not None]) for cid in cat_ids]
        for team, cs in sorted(teams.items())
    }

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 5))
    counts = Counter(c.grade for c in cards)
    ax1.bar(GRADES, [counts.get(g, 0) for g in GRADES], color=["#2e7d32", "#66bb6a", "#fdd835", "#fb8c00", "#e53935"])
    ax1.set_title(f"Grade distribution, 2026-Q3 ({len(cards)} agents)")
    ax1.set_ylabel("agents")
    width = 0.8 / max(1, len(averages))
    for k, (team, avgs) in enumerate(averages.items()):
        xs = [i + k * width for i in range(len(cat_ids))]
        ax2.bar(xs, [float(a) for a in avgs], width=width, label=team)  # float only for drawing
    ax2.set_xticks([i + 0.4 - width / 2 for i in range(len(cat_ids))])
    ax2.set_xticklabels(cat_names, rotation=15, ha="right")
    ax2.set_ylim(50, 100)
    ax2.set_title("Category averages per team")
    ax2.legend(fontsize=8, ncol=3, loc="lower center")
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f"chart saved to {args.out}")


if __name__ == "__main__":
    main()
