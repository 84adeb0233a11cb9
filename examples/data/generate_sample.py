"""Regenerates the bundled sample centre (deterministic) for 2026-Q3: 40 customer service
representatives in four teams, 12 technical support engineers and 8 customer relationship
managers, with realistic spreads and the usual gaps (too few surveys, a missing peer rating, a
serious complaint, a severe attendance problem, an unsampled QA score).

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


def generate(period, seed, incidents):
    global rng
    rng = random.Random(seed)
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
        if incidents and i == 6:
            samples["csat"] = 18  # too few surveys: CSAT not applicable
        if incidents and i == 13:
            ratings["communication"] = ratings["communication"][:2]  # one peer only: peer group drops out
        if incidents and i == 21:
            events["serious_complaint"] = 1  # grade capped at C
        if incidents and i == 28:
            values["attendance"] = "82.5"  # below 85: basic work vetoed to 0
        if incidents and i == 34:
            del values["qa_score"]
            del samples["qa_score"]  # QA not sampled this quarter
        records.append({"employee": emp, "period": period, "role": "csr", "values": values,
                        "samples": samples, "ratings": ratings, "events": events})

    # Technical support: 12 engineers.
    for i in range(12):
        emp = f"TS{2001 + i}"
        roster.append({"employee": emp, "name": SURNAMES[(i + 11) % len(SURNAMES)] + GIVEN[(i * 3) % len(GIVEN)],
                       "team": "Tech", "supervisor": "M05"})
        skill = rng.betavariate(5, 2)
        values = {
            "attendance": tenth(95.0, 100.0), "task_completion": tenth(86 + 8 * skill, 100.0),
            "knowledge_articles": rng.randint(0, 8), "technical_accuracy": tenth(80 + 12 * skill, 99.5),
            "resolution_time": tenth(6.0, 40.0 - 20 * skill), "certification": rng.random() > 0.15,
            "csat": tenth(78 + 12 * skill, 98.0), "complaints": rng.choice([0, 0, 0, 1]),
            "fcr": tenth(58 + 15 * skill, 90.0), "reopen_rate": tenth(1.0, 12.0 - 6 * skill),
            "escalation_time": tenth(1.5, 16.0), "feedback_closure": tenth(85.0, 100.0),
        }
        samples = {"technical_accuracy": rng.randint(10, 30), "csat": rng.randint(15, 60)}
        peers = [f"T{(i + k) % 12 + 1:02d}" for k in (1, 2)]
        ratings = {"communication": [{"group": "supervisor", "rater": "M05", "value": level(skill)}]
                   + [{"group": "peer", "rater": p, "value": level(skill)} for p in peers]}
        events = {"commendation": rng.randint(1, 2)} if rng.random() < 0.3 else {}
        if incidents and i == 4:
            samples["csat"] = 12  # too few surveys
        records.append({"employee": emp, "period": period, "role": "tech_support", "values": values,
                        "samples": samples, "ratings": ratings, "events": events})

    # Customer relationship managers: 8.
    for i in range(8):
        emp = f"AM{3001 + i}"
        roster.append({"employee": emp, "name": SURNAMES[(i + 23) % len(SURNAMES)] + GIVEN[(i * 11) % len(GIVEN)],
                       "team": "Accounts", "supervisor": "M06"})
        skill = rng.betavariate(5, 2)
        values = {
            "attendance": tenth(96.0, 100.0), "task_completion": tenth(86 + 8 * skill, 100.0),
            "crm_completeness": tenth(80 + 10 * skill, 100.0), "visit_plan": tenth(75 + 20 * skill, 110.0),
            "csat": tenth(80 + 10 * skill, 98.0), "retention": tenth(85 + 8 * skill, 99.0),
            "complaints": rng.choice([0, 0, 1]), "issue_resolution_days": tenth(1.0, 9.0),
            "feedback_closure": tenth(85.0, 100.0),
        }
        samples = {"csat": rng.randint(8, 25)}
        customers = [f"C{i}{k}" for k in range(rng.randint(2, 5))]
        ratings = {
            "communication": [{"group": "supervisor", "rater": "M06", "value": level(skill)},
                              {"group": "peer", "rater": f"A{(i + 1) % 8 + 1}", "value": level(skill)},
                              {"group": "peer", "rater": f"A{(i + 2) % 8 + 1}", "value": level(skill)}]
                             + [{"group": "customer", "rater": c, "value": level(skill)} for c in customers],
            "professionalism": [{"group": "supervisor", "rater": "M06", "value": level(skill)}]
                               + [{"group": "customer", "rater": c, "value": level(skill)} for c in customers],
        }
        events = {"commendation": rng.randint(1, 3)} if rng.random() < 0.4 else {}
        records.append({"employee": emp, "period": period, "role": "account_manager", "values": values,
                        "samples": samples, "ratings": ratings, "events": events})


    return records, roster


records, roster = generate("2026-Q3", 20260930, True)
history = {q: generate(f"2026-{q}", seed, False)[0] for q, seed in (("Q1", 20260331), ("Q2", 20260630))}

with open(HERE / "sample-centre-2026-Q3.jsonl", "w", encoding="utf-8") as f:
    for r in records:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
# Pay context for the result-application rules (a separate generator: the records stay as they are).
pay = random.Random(20261231)
for r in roster:
    r["compa_ratio"] = f"{pay.uniform(0.82, 1.22):.2f}"
    r["base_bonus"] = str(pay.choice([4000, 4500, 5000, 6000, 8000]))
with open(HERE / "roster.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["employee", "name", "team", "supervisor", "compa_ratio", "base_bonus"])
    w.writeheader()
    w.writerows(roster)
for q, recs in history.items():
    with open(HERE / f"sample-centre-2026-{q}.jsonl", "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(f"wrote {len(records)} records per quarter (Q1, Q2, Q3)")
