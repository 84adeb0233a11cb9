"""Regenerates the bundled sample centre (deterministic): 40 customer service representatives
of one centre over 2026-Q3, in four teams, with realistic spreads and the usual gaps (too few
surveys, a missing peer rating, a serious complaint, a severe attendance problem).

    python3 examples/data/generate_sample.py
"""
import csv
import json
import random
from pathlib import Path

HERE = Path(__file__).parent
rng = random.Random(20260930)
TEAMS = ["North", "South", "East", "West"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡".strip()
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"]


def tenth(lo, hi):
    return f"{rng.uniform(lo, hi):.1f}"


def level(skill):
    # Skill in [0, 1] shifts the 1-5 level distribution.
    x = skill * 4 + rng.gauss(0, 0.8) + 1
    return str(min(5, max(1, round(x))))


records, roster = [], []
for i in range(40):
    emp = f"CS{1001 + i}"
    team = TEAMS[i % 4]
    name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]
    roster.append({"employee": emp, "name": name, "team": team, "supervisor": f"M0{1 + i % 4}"})
    skill = rng.betavariate(5, 2)
    values = {
        "attendance": tenth(96.0, 100.0) if rng.random() > 0.15 else tenth(90.0, 96.0),
        "task_completion": tenth(85 + 10 * skill, 100.0),
        "timeliness": tenth(70 + 15 * skill, 96.0),
        "work_quality": str(round(60 + 35 * skill + rng.uniform(-5, 5))),
        "qa_score": tenth(72 + 18 * skill, 98.0),
        "aht": rng.randint(200, 520),
        "csat": tenth(80 + 12 * skill, 98.5),
        "complaints": rng.choice([0, 0, 0, 0, 1, 1, 2]),
        "fcr": tenth(65 + 15 * skill, 92.0),
        "escalation_time": tenth(2.0, 20.0),
        "feedback_closure": tenth(85.0, 100.0),
    }
    samples = {"qa_score": rng.randint(6, 12), "csat": rng.randint(32, 90)}
    peers = [f"P{(i + k) % 40 + 1:02d}" for k in (1, 2, 3)]
    ratings = {
        "communication": [{"group": "supervisor", "rater": roster[-1]["supervisor"], "value": level(skill)}]
        + [{"group": "peer", "rater": p, "value": level(skill)} for p in peers[:2]],
        "service_attitude": [{"group": "supervisor", "rater": roster[-1]["supervisor"], "value": level(skill)}]
        + [{"group": "peer", "rater": p, "value": level(skill)} for p in peers[1:]],
    }
    events = {}
    if rng.random() < 0.35:
        events["commendation"] = rng.randint(1, 4)
    if rng.random() < 0.15:
        events["adopted_suggestion"] = 1
    if rng.random() < 0.06:
        events["discipline_breach"] = 1
    # The usual gaps and incidents, at fixed places so the README can point at them.
    if i == 6:
        samples["csat"] = 18  # too few surveys: CSAT not applicable
    if i == 13:
        ratings["communication"] = ratings["communication"][:2]  # one peer only: peer group drops out
    if i == 21:
        events["serious_complaint"] = 1  # grade capped at C
    if i == 28:
        values["attendance"] = "82.5"  # below 85: basic work vetoed to 0
    if i == 34:
        del values["qa_score"]
        del samples["qa_score"]  # QA not sampled this quarter
    records.append({"employee": emp, "period": "2026-Q3", "role": "csr", "values": values,
                    "samples": samples, "ratings": ratings, "events": events})

with open(HERE / "sample-centre-2026-Q3.jsonl", "w", encoding="utf-8") as f:
    for r in records:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open(HERE / "roster.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["employee", "name", "team", "supervisor"])
    w.writeheader()
    w.writerows(roster)
print(f"wrote {len(records)} records")
