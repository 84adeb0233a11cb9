"""Generates examples/data/calibration-2026-01.jsonl: QA calibration sessions on the built-in
`qa_form` scheme, with KNOWN evaluator biases, so the tests can check that the biased evaluators
are found and the fair ones are not flagged (issue 15, point 6).

Each session is one contact scored by the reference evaluator QA00 (the "true" answers,
`"reference": true`) and by QA01..QA05:
- QA02 is harsh: one level lower on accuracy and empathy (never below 1) four times in five,
  and fails the greeting one time in three;
- QA04 is lenient: one level higher on accuracy and empathy (never above 5) four times in five,
  and passes the resolution check;
- QA01, QA03 and QA05 are fair: the reference's answers, with one level up or down on one
  criterion now and then, as often up as down.

Deterministic (seed 2026): `python3 examples/data/generate_calibration.py > examples/data/calibration-2026-01.jsonl`.
"""

import json
import random

rng = random.Random(2026)
CHANNELS = ["phone", "chat", "email"]


def truth(i: int) -> tuple[dict, dict]:
    channel = CHANNELS[i % 3]
    v = {
        "greeting": rng.random() < 0.9,
        "verification": rng.random() < 0.85,
        "accuracy": str(rng.choice([3, 4, 4, 5])),
        "empathy": str(rng.choice([3, 4, 4, 5])),
        "resolution_check": rng.random() < 0.7,
    }
    if channel == "phone":
        v["hold_etiquette"] = rng.random() < 0.8
    else:
        v["writing"] = str(rng.choice([3, 4, 5]))
    return {"channel": channel}, v


def shift(key: str, by: int) -> str:
    return str(min(5, max(1, int(key) + by)))


def main() -> None:
    fair_moves = [("accuracy", 1), ("accuracy", -1), ("empathy", 1), ("empathy", -1)]
    for i in range(12):
        attrs, v = truth(i)
        session = f"S{i + 1:02d}"
        contact = {"employee": f"CS{1001 + i % 6}", "period": f"2026-01#{attrs['channel']}-{7000 + i}", "attributes": attrs}

        def entry(evaluator: str, values: dict, reference: bool = False) -> dict:
            e = {"session": session, "evaluator": evaluator, "record": {**contact, "values": values}}
            if reference:
                e["reference"] = True
            return e

        rows = [entry("QA00", dict(v), True)]
        for ev in ("QA01", "QA02", "QA03", "QA04", "QA05"):
            w = dict(v)
            if ev == "QA02":
                for k in ("accuracy", "empathy"):
                    if rng.random() < 0.8:
                        w[k] = shift(w[k], -1)
                if rng.random() < 1 / 3:
                    w["greeting"] = False
            elif ev == "QA04":
                for k in ("accuracy", "empathy"):
                    if rng.random() < 0.8:
                        w[k] = shift(w[k], 1)
                w["resolution_check"] = True
            else:
                # one balanced move in every other session, cycling up and down
                if (i + int(ev[-1])) % 2 == 0:
                    k, by = fair_moves[(i // 2 + int(ev[-1])) % 4]
                    w[k] = shift(w[k], by)
            rows.append(entry(ev, w))
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
