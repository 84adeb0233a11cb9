"""Generates examples/data/rater-pool-2026-Q3.jsonl: 360 ratings on the built-in `csr` scheme
(communication and service attitude) with KNOWN rater biases, so the tests can check that the
biased raters are found and the fair ones are not flagged (issue 15, point 6).

40 employees, each rated on both indicators by their supervisor (M01..M04) and three peers
drawn from P01..P10. Every employee has a true level (3, 4 or 5) per indicator:
- P04 is lenient: one level higher (never above 5) in six ratings of seven;
- P08 is severe: one level lower (never below 1) in six ratings of seven;
- everyone else gives the true level, except that each fair peer gives one level up or one
  level down now and then, as often one way as the other.

Deterministic (seed 360): `python3 examples/data/generate_rater_pool.py > examples/data/rater-pool-2026-Q3.jsonl`.
"""

import json
import random

rng = random.Random(360)
PEERS = [f"P{i:02d}" for i in range(1, 11)]


def main() -> None:
    fair_turn: dict[str, int] = {}
    for e in range(40):
        supervisor = f"M0{e % 4 + 1}"
        peers = rng.sample(PEERS, 3)
        ratings = {}
        for ind in ("communication", "service_attitude"):
            level = rng.choice([3, 4, 4, 5])
            items = [{"group": "supervisor", "rater": supervisor, "value": str(level)}]
            for p in peers:
                v = level
                if p == "P04" and rng.random() < 6 / 7:
                    v = min(5, level + 1)
                elif p == "P08" and rng.random() < 6 / 7:
                    v = max(1, level - 1)
                elif p not in ("P04", "P08"):
                    # every third rating of a fair peer moves, alternately up and down
                    t = fair_turn.get(p, 0)
                    fair_turn[p] = t + 1
                    if t % 3 == 2:
                        v = min(5, max(1, level + (1 if (t // 3) % 2 == 0 else -1)))
                items.append({"group": "peer", "rater": p, "value": str(v)})
            ratings[ind] = items
        print(json.dumps({"employee": f"E{2001 + e}", "period": "2026-Q3", "role": "csr", "ratings": ratings}, ensure_ascii=False))


if __name__ == "__main__":
    main()
