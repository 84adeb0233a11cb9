# Hand-worked golden vectors. Every expected number below was worked out by hand from SPEC.md
# (the arithmetic is written next to it); the runner fills "sha256:*" with the scheme digest.
import json, copy
import os
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'vectors') + os.sep
D = "sha256:*"

APPENDIX_SCHEME = json.loads(r'''
{"format": "appraisal-scheme/1", "id": "csr-quarterly", "version": "2026.1",
 "name": {"zh": "客服代表季度考核", "en": "CSR quarterly appraisal"},
 "roles": ["csr"], "period": "quarter", "effective": {"from": "2026-01-01"},
 "rounding": {"dp": 2, "mode": "half_up", "money_dp": 2},
 "missing": {"policy": "renormalize", "min_coverage": "60"},
 "categories": [
  {"id": "basic_work", "name": {"zh": "基础工作"}, "weight": "20", "indicators": [
   {"id": "attendance", "name": {"zh": "出勤率"}, "kind": "quantitative", "unit": "percent",
    "source": "internal", "standard": {"zh": "实际出勤天数/应出勤天数"},
    "valid_range": ["0", "100"], "weight": "50",
    "rubric": {"type": "bands", "direction": "higher_better",
               "steps": [{"at_least": "99", "score": "100"}, {"at_least": "95", "score": "80"}],
               "otherwise": "0"}},
   {"id": "task_completion", "name": {"zh": "任务完成率"}, "kind": "quantitative",
    "unit": "percent", "source": "service_desk", "weight": "50",
    "rubric": {"type": "linear", "zero_at": "80", "full_at": "100"}}]},
  {"id": "service_quality", "name": {"zh": "服务质量"}, "weight": "80", "indicators": [
   {"id": "communication", "name": {"zh": "沟通能力"}, "kind": "qualitative", "unit": "rating",
    "source": "rater", "weight": "100",
    "raters": {"groups": [{"id": "supervisor", "weight": "70"},
                          {"id": "peer", "weight": "30", "min_raters": 2}], "trim": 0},
    "rubric": {"type": "scale", "levels": [{"key": "5", "score": "100"}, {"key": "4", "score": "85"},
               {"key": "3", "score": "70"}, {"key": "2", "score": "50"}, {"key": "1", "score": "0"}]}}]}],
 "adjustments": [{"id": "commendation", "event": "commendation", "points_per_unit": "2", "cap": "6"}],
 "vetoes": [{"id": "serious_complaint", "when": {"event": "serious_complaint", "at_least": 1},
             "effect": {"type": "cap_grade", "grade": "C"}},
            {"id": "low_attendance", "when": {"indicator": "attendance", "op": "<", "value": "80"},
             "effect": {"type": "zero_category", "category": "basic_work"}}],
 "total": {"ceiling": "100", "adjustment_min": "-20", "adjustment_max": "10"},
 "grades": [{"id": "S", "min": "95"}, {"id": "A", "min": "85"}, {"id": "B", "min": "70"},
            {"id": "C", "min": "60"}, {"id": "D", "min": "0"}]}
''')
APPENDIX_RECORD = {"employee": "E1001", "period": "2026-Q3", "role": "csr",
 "values": {"attendance": "98.5", "task_completion": 93}, "samples": {},
 "ratings": {"communication": [{"group": "supervisor", "rater": "M01", "value": "4"},
                               {"group": "peer", "rater": "P07", "value": "5"},
                               {"group": "peer", "rater": "P09", "value": "4"}]},
 "events": {"commendation": 1}}

def ind(id, cat, score, step, status="scored", reason=None):
    return {"id": id, "category": cat, "status": status, "reason": reason, "score": score, "step": step}
def na(id, cat, reason, score=None):
    return ind(id, cat, score, None, "not_applicable", reason)
def cat(id, score, status="scored"): return {"id": id, "status": status, "score": score}
def result(emp, period, scheme, status, coverage, inds, cats, base, adjs, adj_total, total, vetoes, ng, g):
    return {"employee": emp, "period": period, "scheme": {"id": scheme["id"], "version": scheme["version"], "digest": D},
            "status": status, "coverage": coverage, "indicators": inds, "categories": cats, "base": base,
            "adjustments": adjs, "adjustment_total": adj_total, "total": total, "vetoes": vetoes,
            "natural_grade": ng, "grade": g}
def err(emp, period, *errs): return {"employee": emp, "period": period, "errors": [{"code": c, "path": p} for c, p in errs]}
def write(name, desc, scheme, records, expected):
    assert len(records) == len(expected)
    open(OUT + name + ".json", "w").write(json.dumps({"name": name, "description": desc, "scheme": scheme,
        "records": records, "expected": expected}, ensure_ascii=False, indent=1) + "\n")

S = APPENDIX_SCHEME
COMM3 = "raters: supervisor 85/1, peer 185/2"
recs, exp = [], []
# 1. The Appendix example. attendance 98.5 -> band 2 (>=95) 80; task 93 -> 100*(93-80)/20 = 65;
# basic = (50*80+50*65)/100 = 72.50; communication: sup 85 (m=1), peer 100+85=185 (m=2), L=2:
# (70*85*2 + 30*185*1)/(2*100) = 17450/200 = 87.25; base = (20*72.5+80*87.25)/100 = 84.30;
# commendation 1*2 = 2 (cap 6); total 86.30 -> A.
recs.append(APPENDIX_RECORD)
exp.append(result("E1001", "2026-Q3", S, "complete", "100.00",
  [ind("attendance", "basic_work", "80.00", "band 2: >= 95"), ind("task_completion", "basic_work", "65.00", "linear segment 1: 80 to 100"),
   ind("communication", "service_quality", "87.25", COMM3)],
  [cat("basic_work", "72.50"), cat("service_quality", "87.25")], "84.30",
  [{"id": "commendation", "units": 1, "points": "2"}], "2", "86.30", [], "A", "A"))
# 2. attendance 79 -> otherwise 0 and veto low_attendance (79 < 80): basic_work vetoed 0.00;
# coverage counts only service_quality: 80*100/100 = 80.00 (>= 60, complete);
# base = (20*0 + 80*87.25)/100 = 69.80; +2 -> 71.80 -> B.
r = copy.deepcopy(APPENDIX_RECORD); r["employee"] = "E1002"; r["values"]["attendance"] = 79; recs.append(r)
exp.append(result("E1002", "2026-Q3", S, "complete", "80.00",
  [ind("attendance", "basic_work", "0.00", "otherwise"), ind("task_completion", "basic_work", "65.00", "linear segment 1: 80 to 100"),
   ind("communication", "service_quality", "87.25", COMM3)],
  [cat("basic_work", "0.00", "vetoed"), cat("service_quality", "87.25")], "69.80",
  [{"id": "commendation", "units": 1, "points": "2"}], "2", "71.80", ["low_attendance"], "B", "B"))
# 3. five commendations: 5*2 = 10, capped at 6; total 84.30 + 6 = 90.30 -> A, serious complaint caps at C.
r = copy.deepcopy(APPENDIX_RECORD); r["employee"] = "E1003"; r["events"] = {"commendation": "5", "serious_complaint": 1}; recs.append(r)
exp.append(result("E1003", "2026-Q3", S, "complete", "100.00",
  [ind("attendance", "basic_work", "80.00", "band 2: >= 95"), ind("task_completion", "basic_work", "65.00", "linear segment 1: 80 to 100"),
   ind("communication", "service_quality", "87.25", COMM3)],
  [cat("basic_work", "72.50"), cat("service_quality", "87.25")], "84.30",
  [{"id": "commendation", "units": 5, "points": "6"}], "6", "90.30", ["serious_complaint"], "A", "C"))
# 4. one peer only (n=1 < min_raters 2): the peer group drops out; supervisor "4" -> 85.00;
# base = (20*72.5 + 80*85)/100 = 82.50; +2 = 84.50 -> B. The peer's second rating abstains (null).
r = copy.deepcopy(APPENDIX_RECORD); r["employee"] = "E1004"
r["ratings"]["communication"] = [{"group": "supervisor", "rater": "M01", "value": "4"}, {"group": "peer", "rater": "P07", "value": "5"},
                                  {"group": "peer", "rater": "P09", "value": None}]
recs.append(r)
exp.append(result("E1004", "2026-Q3", S, "complete", "100.00",
  [ind("attendance", "basic_work", "80.00", "band 2: >= 95"), ind("task_completion", "basic_work", "65.00", "linear segment 1: 80 to 100"),
   ind("communication", "service_quality", "85.00", "raters: supervisor 85/1, peer dropped (1 < 2)")],
  [cat("basic_work", "72.50"), cat("service_quality", "85.00")], "82.50",
  [{"id": "commendation", "units": 1, "points": "2"}], "2", "84.50", [], "B", "B"))
# 5. task_completion null and no ratings: both N/A (missing_value); basic_work renormalises to
# attendance alone (80.00); service_quality N/A; base = 80.00; coverage = 20*50/100 = 10.00 < 60:
# incomplete, total still reported (80.00 + 0), grades null.
recs.append({"employee": "E1005", "period": "2026-Q3", "values": {"attendance": "99", "task_completion": None}})
exp.append(result("E1005", "2026-Q3", S, "incomplete", "10.00",
  [ind("attendance", "basic_work", "100.00", "band 1: >= 99"), na("task_completion", "basic_work", "missing_value"),
   na("communication", "service_quality", "missing_value")],
  [cat("basic_work", "100.00"), cat("service_quality", None, "not_applicable")], "100.00",
  [{"id": "commendation", "units": 0, "points": "0"}], "0", "100.00", [], None, None))
# 6. typos: every problem reported, in document order.
recs.append({"employee": "E1006", "period": "2026-Q3", "values": {"attendence": "98"},
             "ratings": {"communication": [{"group": "boss", "rater": "M01", "value": "4"}]}, "events": {"praise": 1}})
exp.append(err("E1006", "2026-Q3", ("unknown_indicator", "values.attendence"), ("unknown_rater_group", "ratings.communication[0].group"),
               ("unknown_event", "events.praise")))
# 7. out of valid_range, wrong types, bad number grammar, bad count, wrong role.
recs.append({"employee": "E1007", "period": "2026-Q3", "role": "tech_support", "values": {"attendance": "101", "task_completion": "93%"},
             "ratings": {"communication": [{"group": "supervisor", "rater": "M01", "value": 4}]}, "events": {"commendation": 1.5}})
exp.append(err("E1007", "2026-Q3", ("role_not_applicable", "role"), ("out_of_range", "values.attendance"),
               ("unparsable_number", "values.task_completion"), ("wrong_value_type", "ratings.communication[0].value"),
               ("invalid_count", "events.commendation")))
# 8. a single value for the 360 indicator and ratings for a single-value one; duplicate rater.
recs.append({"employee": "E1008", "period": "2026-Q3", "values": {"communication": "4"},
             "ratings": {"attendance": [], "communication": [{"group": "supervisor", "rater": "M01", "value": "4"},
                                                             {"group": "peer", "rater": "M01", "value": "5"}]}})
exp.append(err("E1008", "2026-Q3", ("value_for_multi_rater", "values.communication"), ("ratings_for_single_value", "ratings.attendance"),
               ("duplicate_rater", "ratings.communication[1].rater")))
write("appendix", "SPEC Appendix scheme: the worked example (86.30, A), a veto zeroing a category, a grade cap, a rater group dropping out, low coverage, and bad records.", S, recs, exp)
print("appendix ok")

# ---------------------------------------------------------------- rubrics
def scheme_base(id, cats, grades, **kw):
    s = {"format": "appraisal-scheme/1", "id": id, "version": "1", "name": id, "period": "quarter",
         "effective": {"from": "2026-01-01"}, "categories": cats, "grades": grades}
    s.update(kw); return s
def I(id, w, rubric, **kw):
    d = {"id": id, "name": id, "kind": "quantitative", "unit": "score", "source": "internal", "weight": w, "rubric": rubric}; d.update(kw); return d
G3 = [{"id": "A", "min": "85"}, {"id": "B", "min": "70"}, {"id": "C", "min": "0"}]
RS = scheme_base("rubrics", [{"id": "all", "name": "All", "weight": "100", "indicators": [
  I("pw", "20", {"type": "piecewise", "points": [["0", "60"], ["180", "100"], ["420", "100"], ["900", "0"]]}),
  I("lin", "20", {"type": "linear", "zero_at": "600", "full_at": "300"}),
  I("bd", "20", {"type": "bands", "direction": "higher_better", "steps": [{"at_least": "99", "score": "100"}, {"at_least": "95", "score": "80"}], "otherwise": "0"}),
  I("ded", "10", {"type": "deduction", "per_unit": "10", "free_units": "1", "floor": "20"}),
  I("rat", "10", {"type": "ratio", "target": "95", "direction": "higher_better"}),
  I("sc", "10", {"type": "scale", "levels": [{"key": "good", "score": "90"}, {"key": "fair", "score": "70"}, {"key": "poor", "score": "40"}]}, kind="qualitative"),
  I("pf", "5", {"type": "pass_fail", "pass": "100", "fail": "40"}),
  I("dir", "5", {"type": "direct"})]}], G3)
def all_inds(scores_steps):
    return [ind(i, "all", s, st) for i, (s, st) in zip(["pw", "lin", "bd", "ded", "rat", "sc", "pf", "dir"], scores_steps)]
recs, exp = [], []
# 1. (20*80 + 20*50 + 20*80 + 10*80 + 10*80 + 10*90 + 5*40 + 5*55.5)/100 = 7177.5/100 = 71.775 -> 71.78 (B)
recs.append({"employee": "R1", "period": "P", "values": {"pw": 90, "lin": 450, "bd": 95, "ded": 3, "rat": 76, "sc": "good", "pf": False, "dir": "55.5"}})
exp.append(result("R1", "P", RS, "complete", "100.00", all_inds([
  ("80.00", "segment 1: 0 to 180"), ("50.00", "linear segment 1: 300 to 600"), ("80.00", "band 2: >= 95"),
  ("80.00", "deduction: 2 x 10 (after 1 free)"), ("80.00", "ratio: 100 x 76 / 95"), ("90.00", "level good"), ("40.00", "fail"), ("55.50", "direct")]),
  [cat("all", "71.78")], "71.78", [], "0", "71.78", [], "B", "B"))
# 2. beyond the ends: pw 0, lin 100, bd otherwise 0, ded 100-190 -> floor 20, rat 105.26.. -> clamp 100,
# poor 40, pass 100, direct 0: (2000 + 200 + 1000 + 400 + 500)/100 = 41.00 (C)
recs.append({"employee": "R2", "period": "P", "values": {"pw": 1000, "lin": 200, "bd": "94.99", "ded": 20, "rat": 100, "sc": "poor", "pf": True, "dir": 0}})
exp.append(result("R2", "P", RS, "complete", "100.00", all_inds([
  ("0.00", "at or above 900"), ("100.00", "linear at or below 300"), ("0.00", "otherwise"),
  ("20.00", "deduction: 19 x 10 (after 1 free), floor 20"), ("100.00", "ratio: 100 x 100 / 95"), ("40.00", "level poor"), ("100.00", "pass"), ("0.00", "direct")]),
  [cat("all", "41.00")], "41.00", [], "0", "41.00", [], "C", "C"))
# 3. non-terminating fractions round once: pw 60+100*40/180 = 82.222.. -> 82.22; lin 29900/300 = 99.666.. -> 99.67;
# rat 100/95 = 1.0526.. -> 1.05; (1644.4 + 1993.4 + 2000 + 1000 + 10.5 + 700 + 500 + 500)/100 = 83.483 -> 83.48 (B)
recs.append({"employee": "R3", "period": "P", "values": {"pw": "100", "lin": "301", "bd": "99", "ded": "0", "rat": "1", "sc": "fair", "pf": True, "dir": "100"}})
exp.append(result("R3", "P", RS, "complete", "100.00", all_inds([
  ("82.22", "segment 1: 0 to 180"), ("99.67", "linear segment 1: 300 to 600"), ("100.00", "band 1: >= 99"),
  ("100.00", "deduction: 0 x 10 (after 1 free)"), ("1.05", "ratio: 100 x 1 / 95"), ("70.00", "level fair"), ("100.00", "pass"), ("100.00", "direct")]),
  [cat("all", "83.48")], "83.48", [], "0", "83.48", [], "B", "B"))
# 4. single-peaked right side: pw 660 -> 100 - 240*100/480 = 50; only pw and sc measured:
# (20*50 + 10*40)/30 = 46.666.. -> 46.67; coverage 30.00 (no minimum: complete, C)
recs.append({"employee": "R4", "period": "P", "values": {"pw": "660", "sc": "poor"}})
inds = [ind("pw", "all", "50.00", "segment 3: 420 to 900")] + [na(i, "all", "missing_value") for i in ["lin", "bd", "ded", "rat"]] + \
       [ind("sc", "all", "40.00", "level poor")] + [na(i, "all", "missing_value") for i in ["pf", "dir"]]
exp.append(result("R4", "P", RS, "complete", "30.00", inds, [cat("all", "46.67")], "46.67", [], "0", "46.67", [], "C", "C"))
# 5. every value wrong in its own way (document order)
recs.append({"employee": "R5", "period": "P", "values": {"pw": "1_000", "lin": ".5", "bd": True, "ded": -1, "rat": "-0.5", "sc": "excellent", "pf": "yes", "dir": "100.01"}})
exp.append(err("R5", "P", ("unparsable_number", "values.pw"), ("unparsable_number", "values.lin"), ("wrong_value_type", "values.bd"),
  ("out_of_domain", "values.ded"), ("out_of_domain", "values.rat"), ("out_of_domain", "values.sc"), ("wrong_value_type", "values.pf"),
  ("out_of_domain", "values.dir")))
# 6. a level key given as a number; exponent notation accepted for numbers
recs.append({"employee": "R6", "period": "P", "values": {"pw": "1e2", "sc": 3}})
exp.append(err("R6", "P", ("wrong_value_type", "values.sc")))
write("rubrics", "Every rubric type at and beyond its boundaries, one-fraction rounding, renormalised N/A, domain and type errors.", RS, recs, exp)

# ---------------------------------------------------------------- rounding modes (dp 1)
def rounding_scheme(mode):
    return scheme_base("rounding-" + mode, [
        {"id": "c1", "name": "C1", "weight": "50", "indicators": [I("a", "50", {"type": "direct"}), I("b", "50", {"type": "direct"})]},
        {"id": "c2", "name": "C2", "weight": "50", "indicators": [I("d", "100", {"type": "direct"})]}],
        [{"id": "A", "min": "80"}, {"id": "B", "min": "70"}, {"id": "C", "min": "0"}],
        rounding={"dp": 1, "mode": mode},
        adjustments=[{"id": "bonus", "event": "bonus", "points_per_unit": "0.25"}, {"id": "penalty", "event": "penalty", "points_per_unit": "-0.15"}])
# (a, b, c1, d, base, total1, total2) per mode, by hand:
# half_up:  80.25->80.3, 80.35->80.4, c1 80.35->80.4, 70.05->70.1, base 75.25->75.3, +0.25 = 75.55->75.6, -0.45 = 74.85->74.9
# half_even:80.25->80.2, 80.35->80.4, c1 80.3,        70.05->70.0, base 75.15->75.2, +0.25 = 75.45->75.4, -0.45 = 74.75->74.8
# down:     80.25->80.2, 80.35->80.3, c1 80.25->80.2, 70.05->70.0, base 75.1,        +0.25 = 75.35->75.3, -0.45 = 74.65->74.6
H = {"half_up": ("80.3", "80.4", "80.4", "70.1", "75.3", "75.6", "74.9"),
     "half_even": ("80.2", "80.4", "80.3", "70.0", "75.2", "75.4", "74.8"),
     "down": ("80.2", "80.3", "80.2", "70.0", "75.1", "75.3", "74.6")}
for mode, (a, b, c1, d, base, t1, t2) in H.items():
    S2 = rounding_scheme(mode)
    vals = {"a": "80.25", "b": "80.35", "d": "70.05"}
    inds = [ind("a", "c1", a, "direct"), ind("b", "c1", b, "direct"), ind("d", "c2", d, "direct")]
    cats = [cat("c1", c1), cat("c2", d)]
    recs = [{"employee": "T1", "period": "P", "values": vals, "events": {"bonus": 1}},
            {"employee": "T2", "period": "P", "values": vals, "events": {"penalty": 3}},
            {"employee": "T3", "period": "P", "values": {"a": 100, "b": 100, "d": 100}, "events": {"bonus": 40}}]
    g = lambda t: "A" if float(t) >= 80 else "B" if float(t) >= 70 else "C"
    exp = [result("T1", "P", S2, "complete", "100.0", inds, cats, base,
                  [{"id": "bonus", "units": 1, "points": "0.25"}, {"id": "penalty", "units": 0, "points": "0"}], "0.25", t1, [], g(t1), g(t1)),
           result("T2", "P", S2, "complete", "100.0", inds, cats, base,
                  [{"id": "bonus", "units": 0, "points": "0"}, {"id": "penalty", "units": 3, "points": "-0.45"}], "-0.45", t2, [], g(t2), g(t2)),
           # 100 + 40*0.25 = 110, clamped to the ceiling 100
           result("T3", "P", S2, "complete", "100.0", [ind("a", "c1", "100.0", "direct"), ind("b", "c1", "100.0", "direct"), ind("d", "c2", "100.0", "direct")],
                  [cat("c1", "100.0"), cat("c2", "100.0")], "100.0",
                  [{"id": "bonus", "units": 40, "points": "10"}, {"id": "penalty", "units": 0, "points": "0"}], "10", "100.0", [], "A", "A")]
    write("rounding_" + mode, f"dp 1, mode {mode}: exact ties at every rounding point, negative adjustments, the ceiling.", S2, recs, exp)

# ---------------------------------------------------------------- missing policies
def missing_scheme(policy):
    return scheme_base("missing-" + policy, [
        {"id": "c1", "name": "C1", "weight": "60", "indicators": [I("i1", "50", {"type": "direct"}), I("i2", "50", {"type": "direct"}, min_sample=10)]},
        {"id": "c2", "name": "C2", "weight": "40", "indicators": [I("i3", "100", {"type": "direct"})]}], G3,
        missing={"policy": policy, "min_coverage": "50"})
SZ = missing_scheme("zero")
recs = [{"employee": "M1", "period": "P", "values": {"i1": 80, "i2": 90}, "samples": {"i2": 5}},
        {"employee": "M2", "period": "P", "values": {"i1": 80, "i2": 90, "i3": 70}, "samples": {"i2": "10"}}]
# M1: i2 sample 5 < 10 and i3 absent score 0 and stay: c1 = (50*80 + 50*0)/100 = 40.00; c2 = 0.00 (all N/A);
# base = (60*40 + 40*0)/100 = 24.00; coverage = 60*50/100 = 30.00 < 50: incomplete.
# M2: c1 = 85.00, c2 = 70.00, base = (5100 + 2800)/100 = 79.00 (B).
exp = [result("M1", "P", SZ, "incomplete", "30.00",
        [ind("i1", "c1", "80.00", "direct"), na("i2", "c1", "insufficient_sample", "0.00"), na("i3", "c2", "missing_value", "0.00")],
        [cat("c1", "40.00"), cat("c2", "0.00", "not_applicable")], "24.00", [], "0", "24.00", [], None, None),
       result("M2", "P", SZ, "complete", "100.00",
        [ind("i1", "c1", "80.00", "direct"), ind("i2", "c1", "90.00", "direct"), ind("i3", "c2", "70.00", "direct")],
        [cat("c1", "85.00"), cat("c2", "70.00")], "79.00", [], "0", "79.00", [], "B", "B")]
write("missing_zero", "Policy zero: N/A indicators score 0 and stay in the average; coverage counts only measured ones.", SZ, recs, exp)
SE = missing_scheme("error")
recs = [{"employee": "M1", "period": "P", "values": {"i1": 80, "i2": 90}, "samples": {"i2": 5}},
        {"employee": "M2", "period": "P", "values": {"i1": 80, "i2": 90, "i3": 70}, "samples": {"i2": "10"}},
        {"employee": "M3", "period": "P", "values": {"i1": "x"}}]
exp = [err("M1", "P", ("not_applicable", "samples.i2"), ("not_applicable", "values.i3")),
       result("M2", "P", SE, "complete", "100.00",
        [ind("i1", "c1", "80.00", "direct"), ind("i2", "c1", "90.00", "direct"), ind("i3", "c2", "70.00", "direct")],
        [cat("c1", "85.00"), cat("c2", "70.00")], "79.00", [], "0", "79.00", [], "B", "B"),
       err("M3", "P", ("unparsable_number", "values.i1"))]
write("missing_error", "Policy error: one not_applicable error per N/A indicator; input errors come first and alone.", SE, recs, exp)

# ---------------------------------------------------------------- 360 raters
SR = scheme_base("raters", [{"id": "c", "name": "C", "weight": "100", "indicators": [
    I("r360", "100", {"type": "direct"}, kind="qualitative", source="rater",
      raters={"groups": [{"id": "supervisor", "weight": "50"}, {"id": "peer", "weight": "30", "min_raters": 2},
                         {"id": "customer", "weight": "20", "min_raters": 3}, {"id": "self", "weight": "0"}], "trim": 1})]}], G3)
def rt(*items): return {"r360": [{"group": g, "rater": r, "value": v} for g, r, v in items]}
recs, exp = [], []
# 1. peer 60,70,80,100 -> trim 1 each end -> 70+80 = 150 (m 2); customer 50,70,90 -> 70 (m 1); supervisor n=1 not trimmed;
# self weight 0 never averaged. L = 2: (50*90*2 + 30*150*1 + 20*70*2)/(2*100) = 16300/200 = 81.50 (B)
recs.append({"employee": "Q1", "period": "P", "ratings": rt(("supervisor", "M", 90), ("peer", "p1", 70), ("peer", "p2", 80), ("peer", "p3", 100),
    ("peer", "p4", 60), ("customer", "c1", 50), ("customer", "c2", 90), ("customer", "c3", 70), ("self", "me", 100))})
def one(emp, score, step, ng):
    return result(emp, "P", SR, "complete", "100.00", [ind("r360", "c", score, step)], [cat("c", score)], score, [], "0", score, [], ng, ng)
exp.append(one("Q1", "81.50", "raters: supervisor 90/1, peer 150/2 trimmed, customer 70/1 trimmed, self weight 0", "B"))
# 2. two customers < 3: dropped; two peers not trimmed (n = 2 = 2*trim): (50*90*2 + 30*150)/(2*80) = 13500/160 = 84.375 -> 84.38
recs.append({"employee": "Q2", "period": "P", "ratings": rt(("supervisor", "M", 90), ("peer", "p1", 70), ("peer", "p2", 80), ("customer", "c1", 50), ("customer", "c2", 90))})
exp.append(one("Q2", "84.38", "raters: supervisor 90/1, peer 150/2, customer dropped (2 < 3), self weight 0", "B"))
# 3. each rating rounds first: 88.885 -> 88.89; 70.004 -> 70.00, 70.006 -> 70.01 (T 140.01);
# (50*88.89*2 + 30*140.01)/(2*80) = 13089.3/160 = 81.808125 -> 81.81
recs.append({"employee": "Q3", "period": "P", "ratings": rt(("supervisor", "M", "88.885"), ("peer", "p1", "70.004"), ("peer", "p2", "70.006"))})
exp.append(one("Q3", "81.81", "raters: supervisor 88.89/1, peer 140.01/2, customer dropped (0 < 3), self weight 0", "B"))
# 4-6. no group left: empty list; abstentions only; only the weight-0 group -> insufficient_raters, base null
recs.append({"employee": "Q4", "period": "P", "ratings": {"r360": []}})
recs.append({"employee": "Q5", "period": "P", "ratings": rt(("supervisor", "M", None), ("peer", "p1", None), ("peer", "p2", 80))})
recs.append({"employee": "Q6", "period": "P", "ratings": rt(("self", "me", 100))})
for e in ["Q4", "Q5", "Q6"]:
    exp.append(result(e, "P", SR, "incomplete", "0.00", [na("r360", "c", "insufficient_raters")], [cat("c", None, "not_applicable")],
                      None, [], "0", None, [], None, None))
write("raters", "360 ratings: trimming, groups dropping out, weight-0 groups, per-rating rounding, no group left.", SR, recs, exp)
print("all ok")

# ---------------------------------------------------------------- built-in CSR scheme
CSR_ID = {"id": "csr-quarterly", "version": "2026.1"}
base_rec = {"employee": "CS9001", "period": "2026-Q3", "role": "csr",
  "values": {"attendance": "99.2", "task_completion": "95", "timeliness": "84", "work_quality": "88", "qa_score": "88.5", "aht": 300,
             "csat": "91.2", "complaints": 1, "fcr": "80.1", "escalation_time": "6.5", "feedback_closure": "96"},
  "samples": {"qa_score": 8, "csat": 46},
  "ratings": {"communication": [{"group": "supervisor", "rater": "M01", "value": "4"}, {"group": "peer", "rater": "P1", "value": "5"}, {"group": "peer", "rater": "P2", "value": "4"}],
              "service_attitude": [{"group": "supervisor", "rater": "M01", "value": "5"}, {"group": "peer", "rater": "P3", "value": "3"}]},
  "events": {"commendation": 2}}
def csr_inds(csat, complaints):
    return [ind("attendance", "basic_work", "100.00", "band 1: >= 99"),
     ind("task_completion", "basic_work", "80.00", "segment 2: 90 to 100"),       # 60 + 5*40/10
     ind("timeliness", "basic_work", "80.00", "linear segment 1: 60 to 90"),      # 24*100/30
     ind("work_quality", "basic_work", "88.00", "direct"),
     ind("qa_score", "service_quality", "81.43", "linear segment 1: 60 to 95"),   # 2850/35 = 81.428..
     ind("aht", "service_quality", "100.00", "segment 2: 240 to 420"),
     ind("communication", "service_quality", "88.00", "raters: supervisor 85/1, peer 185/2"),  # (60*85*2 + 40*185)/200
     ind("service_attitude", "service_quality", "100.00", "raters: supervisor 100/1, peer dropped (1 < 2)"),
     csat, complaints,
     ind("fcr", "problem_handling", "94.24", "ratio: 100 x 80.1 / 85"),          # 94.2352..
     ind("escalation_time", "problem_handling", "80.00", "band 2: <= 8"),
     ind("feedback_closure", "problem_handling", "80.00", "band 2: >= 90")]
ADJ3 = lambda c: [{"id": "commendation", "units": c, "points": str(2 * c)}, {"id": "adopted_suggestion", "units": 0, "points": "0"}, {"id": "discipline", "units": 0, "points": "0"}]
# basic = (30*100 + 30*80 + 20*80 + 20*88)/100 = 87.60; service = (35*81.43 + 20*100 + 25*88 + 20*100)/100 = 9050.05/100 -> 90.50
# csat: 21.2*100/25 = 84.80; complaints 1 -> 75; customer = (60*84.8 + 40*75)/100 = 80.88
# problem = (40*94.24 + 30*80 + 30*80)/100 = 85.696 -> 85.70
# base = (20*87.6 + 35*90.5 + 25*80.88 + 20*85.7)/100 = 8655.5/100 = 86.555 -> 86.56; +4 = 90.56 -> A
r1 = copy.deepcopy(base_rec)
e1 = result("CS9001", "2026-Q3", CSR_ID, "complete", "100.00",
  csr_inds(ind("csat", "customer_satisfaction", "84.80", "linear segment 1: 70 to 95"), ind("complaints", "customer_satisfaction", "75.00", "deduction: 1 x 25")),
  [cat("basic_work", "87.60"), cat("service_quality", "90.50"), cat("customer_satisfaction", "80.88"), cat("problem_handling", "85.70")],
  "86.56", ADJ3(2), "4", "90.56", [], "A", "A")
# 2. 20 surveys < 30: CSAT N/A; two complaints -> 50 alone in its category; serious complaint caps at C.
# base = (1752 + 3167.5 + 25*50 + 1714)/100 = 78.835 -> 78.84; +4 = 82.84 -> B, capped to C; coverage 100 - 25*60/100 = 85.00
r2 = copy.deepcopy(base_rec); r2["employee"] = "CS9002"; r2["samples"]["csat"] = 20; r2["values"]["complaints"] = 2; r2["events"]["serious_complaint"] = 1
e2 = result("CS9002", "2026-Q3", CSR_ID, "complete", "85.00",
  csr_inds(na("csat", "customer_satisfaction", "insufficient_sample"), ind("complaints", "customer_satisfaction", "50.00", "deduction: 2 x 25")),
  [cat("basic_work", "87.60"), cat("service_quality", "90.50"), cat("customer_satisfaction", "50.00"), cat("problem_handling", "85.70")],
  "78.84", ADJ3(2), "4", "82.84", ["serious_complaint"], "B", "C")
write("builtin_csr", "The built-in CSR scheme, worked by hand for two agents.", "builtin:csr", [r1, r2], [e1, e2])

# ---------------------------------------------------------------- a scheme with many problems at once
bad = copy.deepcopy(APPENDIX_SCHEME)
bad["categories"][0]["weight"] = "25"                                    # 25 + 80 = 105
bad["categories"][0]["indicators"][1]["weight"] = "-50"                  # negative
bad["categories"][0]["indicators"][0]["rubric"]["steps"][1]["at_least"] = "99.5"  # not decreasing
bad["categories"][1]["indicators"][0]["id"] = "attendance"               # duplicate indicator id
bad["vetoes"][0]["effect"]["grade"] = "E"                                # unknown grade
bad["grades"][4]["min"] = "10"                                           # last min must be 0
bad["colour"] = "blue"                                                   # unknown field
doc = {"name": "scheme_errors", "description": "A scheme with seven problems: all reported at once, with codes and paths.", "scheme": bad,
  "scheme_errors": [{"code": c, "path": p} for c, p in [
    ("unknown_field", "colour"),
    ("invalid_rubric", "categories[0].indicators[0].rubric.steps[1].at_least"),
    ("negative_weight", "categories[0].indicators[1].weight"),
    ("weights_sum", "categories"),
    ("grades_order", "grades[4].min"),
    ("unknown_reference", "vetoes[0].effect.grade"),
    ("duplicate_id", "categories[1].indicators[0].id")]]}
open(OUT + "scheme_errors.json", "w").write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
# issue 12: a rubric error does not hide the weights_sum error of its category (all at once):
# attendance's second band (99.5) is not below the first (99), and 50 + 40 = 90.
bad2 = copy.deepcopy(APPENDIX_SCHEME)
bad2["categories"][0]["indicators"][0]["rubric"]["steps"][1]["at_least"] = "99.5"
bad2["categories"][0]["indicators"][1]["weight"] = "40"
doc = {"name": "scheme_errors_sum", "description": "A bad band order and indicator weights summing to 90 in one category: both reported.", "scheme": bad2,
  "scheme_errors": [{"code": c, "path": p} for c, p in [
    ("invalid_rubric", "categories[0].indicators[0].rubric.steps[1].at_least"),
    ("weights_sum", "categories[0].indicators")]]}
open(OUT + "scheme_errors_sum.json", "w").write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
print("builtin ok")

# ---------------------------------------------------------------- vetoes and adjustment limits
SV = scheme_base("vetoes", [{"id": "c", "name": "C", "weight": "100", "indicators": [
    I("q", "60", {"type": "direct"}, min_sample=5),
    I("comp", "20", {"type": "pass_fail"}),
    I("cond", "20", {"type": "scale", "levels": [{"key": "good", "score": "100"}, {"key": "ok", "score": "70"}, {"key": "poor", "score": "30"}]}, kind="qualitative")]}],
    G3,
    adjustments=[{"id": "bonus", "event": "bonus", "points_per_unit": "4"}, {"id": "bonus2", "event": "bonus2", "points_per_unit": "3", "cap": "3"},
                 {"id": "pen", "event": "pen", "points_per_unit": "-2", "cap": "10"}],
    total={"adjustment_min": "-3", "adjustment_max": "5"},
    vetoes=[{"id": "v1", "when": {"indicator": "comp", "op": "==", "value": False}, "effect": {"type": "zero_total"}},
            {"id": "v2", "when": {"indicator": "cond", "op": "==", "value": "poor"}, "effect": {"type": "cap_grade", "grade": "B"}},
            {"id": "v3", "when": {"indicator": "q", "op": "<", "value": "50"}, "effect": {"type": "cap_grade", "grade": "C"}},
            {"id": "v4", "when": {"event": "fraud", "at_least": 2}, "effect": {"type": "zero_total"}}])
def adjs(b, b2, p, pts):
    return [{"id": "bonus", "units": b, "points": pts[0]}, {"id": "bonus2", "units": b2, "points": pts[1]}, {"id": "pen", "units": p, "points": pts[2]}]
recs, exp = [], []
# V1: c = (60*90 + 20*100 + 20*100)/100 = 94.00; bonus 4 + bonus2 min(6, 3) = 7, limited to +5: 99.00 (A)
recs.append({"employee": "V1", "period": "P", "values": {"q": 90, "comp": True, "cond": "good"}, "samples": {"q": 5}, "events": {"bonus": 1, "bonus2": 2}})
exp.append(result("V1", "P", SV, "complete", "100.00",
  [ind("q", "c", "90.00", "direct"), ind("comp", "c", "100.00", "pass"), ind("cond", "c", "100.00", "level good")],
  [cat("c", "94.00")], "94.00", adjs(1, 2, 0, ("4", "3", "0")), "5", "99.00", [], "A", "A"))
# V2: fail scores 0, poor 30: c = (5400 + 0 + 600)/100 = 60.00; pen 3*-2 = -6 limited to -3; zero_total -> 0.00,
# natural grade from T = 0 is C; the cap at B is looser than C, so C.
recs.append({"employee": "V2", "period": "P", "values": {"q": 90, "comp": False, "cond": "poor"}, "samples": {"q": 5}, "events": {"pen": 3}})
exp.append(result("V2", "P", SV, "complete", "100.00",
  [ind("q", "c", "90.00", "direct"), ind("comp", "c", "0.00", "fail"), ind("cond", "c", "30.00", "level poor")],
  [cat("c", "60.00")], "60.00", adjs(0, 0, 3, ("0", "0", "-6")), "-3", "0.00", ["v1", "v2"], "C", "C"))
# V3: q has 3 samples < 5: N/A, so v3 (q < 50) cannot fire; c = (20*100 + 20*70)/40 = 85.00; coverage 40.00 (A)
recs.append({"employee": "V3", "period": "P", "values": {"q": 40, "comp": True, "cond": "ok"}, "samples": {"q": 3}})
exp.append(result("V3", "P", SV, "complete", "40.00",
  [na("q", "c", "insufficient_sample"), ind("comp", "c", "100.00", "pass"), ind("cond", "c", "70.00", "level ok")],
  [cat("c", "85.00")], "85.00", adjs(0, 0, 0, ("0", "0", "0")), "0", "85.00", [], "A", "A"))
# V4: q measured: v3 fires; c = (2400 + 2000 + 2000)/100 = 64.00 -> C; one fraud < 2: no v4
recs.append({"employee": "V4", "period": "P", "values": {"q": 40, "comp": True, "cond": "good"}, "samples": {"q": 6}, "events": {"fraud": 1}})
exp.append(result("V4", "P", SV, "complete", "100.00",
  [ind("q", "c", "40.00", "direct"), ind("comp", "c", "100.00", "pass"), ind("cond", "c", "100.00", "level good")],
  [cat("c", "64.00")], "64.00", adjs(0, 0, 0, ("0", "0", "0")), "0", "64.00", ["v3"], "C", "C"))
# V5: two frauds: zero_total; base 100.00 stays reported
recs.append({"employee": "V5", "period": "P", "values": {"q": 100, "comp": True, "cond": "good"}, "samples": {"q": 9}, "events": {"fraud": 2}})
exp.append(result("V5", "P", SV, "complete", "100.00",
  [ind("q", "c", "100.00", "direct"), ind("comp", "c", "100.00", "pass"), ind("cond", "c", "100.00", "level good")],
  [cat("c", "100.00")], "100.00", adjs(0, 0, 0, ("0", "0", "0")), "0", "0.00", ["v4"], "C", "C"))
write("vetoes", "Each veto effect (zero_total, cap_grade, zero_category elsewhere) on booleans, level keys, numbers and events; no veto on an N/A indicator; per-item caps and overall adjustment limits.", SV, recs, exp)
print("vetoes ok")

# ---------------------------------------------------------------- SPEC §7 kinds (Rust and Python runners)
def write_doc(name, doc):
    doc = {"name": name, **doc}
    open(OUT + name + ".json", "w").write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")

FD = scheme_base("fd", [{"id": "c", "name": "C", "weight": "100", "indicators": [I("x", "100", {"type": "direct"})]}],
    [{"id": "S", "min": "95"}, {"id": "A", "min": "85"}, {"id": "B", "min": "70"}, {"id": "C", "min": "60"}, {"id": "D", "min": "0"}],
    vetoes=[{"id": "v", "when": {"event": "incident"}, "effect": {"type": "cap_grade", "grade": "C"}}])
def fd_records(totals):
    return [{"employee": f"E{i + 1:02d}", "period": "P", "values": {"x": t}} for i, t in enumerate(totals)]
TWELVE = ["99", "98", "97", "96", "94", "93", "92", "91", "90", "89", "80", "75"]
QUOTAS = [{"grades": ["S"], "max_pct": "10"}, {"grades": ["S", "A"], "max_pct": "30"}, {"grades": ["D"], "min_pct": "5"}]
def placements(grades_from, grades_to, reasons):
    return [{"employee": f"E{i + 1:02d}", "rank": i + 1, "from": f, "to": t, "reason": reasons.get(i)} for i, (f, t) in enumerate(zip(grades_from, grades_to))]
start = ["S"] * 4 + ["A"] * 6 + ["B"] * 2
# lenient: S ceil(1.2) = 2, S+A ceil(3.6) = 4, D floor(0.6) = 0
write_doc("distribution_lenient", {"kind": "distribution", "description": "n = 12 under lenient rounding: S <= 2, S+A <= 4, D >= 0.",
  "scheme": FD, "records": fd_records(TWELVE), "config": {"grades": ["S", "A", "B", "C", "D"], "quotas": QUOTAS, "rounding": "lenient"},
  "expected": {"population": 12, "applied": True,
    "quotas": [{"grades": ["S"], "kind": "max", "pct": "10", "limit": 2, "count": 2}, {"grades": ["S", "A"], "kind": "max", "pct": "30", "limit": 4, "count": 4},
               {"grades": ["D"], "kind": "min", "pct": "5", "limit": 0, "count": 0}],
    "people": placements(start, ["S", "S", "A", "A"] + ["B"] * 8,
      {2: "max quota S (10% of 12 = 2) full", 3: "max quota S (10% of 12 = 2) full", **{k: "max quota S+A (30% of 12 = 4) full" for k in range(4, 10)}}),
    "ties": []}})
# strict: S floor(1.2) = 1, S+A floor(3.6) = 3, D ceil(0.6) = 1 -> the last one (B) moves to D
write_doc("distribution_strict", {"kind": "distribution", "description": "n = 12 under strict rounding: S <= 1, S+A <= 3, D >= 1.",
  "scheme": FD, "records": fd_records(TWELVE), "config": {"grades": ["S", "A", "B", "C", "D"], "quotas": QUOTAS, "rounding": "strict"},
  "expected": {"population": 12, "applied": True,
    "quotas": [{"grades": ["S"], "kind": "max", "pct": "10", "limit": 1, "count": 1}, {"grades": ["S", "A"], "kind": "max", "pct": "30", "limit": 3, "count": 3},
               {"grades": ["D"], "kind": "min", "pct": "5", "limit": 1, "count": 1}],
    "people": placements(start, ["S", "A", "A"] + ["B"] * 8 + ["D"],
      {1: "max quota S (10% of 12 = 1) full", 2: "max quota S (10% of 12 = 1) full", 3: "max quota S (10% of 12 = 1) full",
       **{k: "max quota S+A (30% of 12 = 3) full" for k in range(4, 10)}, 11: "min quota D (5% of 12 = 1) filled"}),
    "ties": []}})
# below min_population: nothing moves
write_doc("distribution_small", {"kind": "distribution", "description": "Three results, min_population 5: nothing moves; a tie at 96 would have been split.",
  "scheme": FD, "records": fd_records(["99", "96", "96"]), "config": {"grades": ["S", "A", "B", "C", "D"], "quotas": QUOTAS, "min_population": 5},
  "expected": {"population": 3, "applied": False,
    "quotas": [{"grades": ["S"], "kind": "max", "pct": "10", "limit": 1, "count": 3}, {"grades": ["S", "A"], "kind": "max", "pct": "30", "limit": 1, "count": 3},
               {"grades": ["D"], "kind": "min", "pct": "5", "limit": 0, "count": 0}],
    "people": placements(["S", "S", "S"], ["S", "S", "S"], {}), "ties": []}})
def month_records(totals, periods):
    """One employee's sub-period records (a roll-up takes one employee's periods, each once)."""
    return [{"employee": "E01", "period": p, "values": {"x": t}} for t, p in zip(totals, periods)]

# roll-up: (80 + 90 + 85.5) / 3 = 85.1666.. -> 85.17, A; category c the same
write_doc("rollup_months", {"kind": "rollup", "description": "Three months, equal weights: 255.5 / 3 = 85.17 (A).",
  "scheme": FD, "employee": "E01", "period": "2026-Q3", "records": month_records(["80", "90", "85.5"], ["2026-07", "2026-08", "2026-09"]), "weights": None, "min_periods": 3,
  "expected": {"employee": "E01", "period": "2026-Q3", "status": "complete", "periods_used": 3, "total": "85.17",
               "categories": [{"id": "c", "score": "85.17"}], "natural_grade": "A", "grade": "A"}})
# weighted 1:3 -> (80 + 270) / 4 = 87.50
write_doc("rollup_weighted", {"kind": "rollup", "description": "Two periods weighted 1 and 3: (80 + 3 × 90) / 4 = 87.50 (A).",
  "scheme": FD, "employee": "E01", "period": "H1", "records": month_records(["80", "90"], ["2026-Q1", "2026-Q2"]), "weights": ["1", "3"], "min_periods": 2,
  "expected": {"employee": "E01", "period": "H1", "status": "complete", "periods_used": 2, "total": "87.50",
               "categories": [{"id": "c", "score": "87.50"}], "natural_grade": "A", "grade": "A"}})
# pool splits with leftover cents
write_doc("pool_split", {"kind": "pool_split", "description": "Parts rounded down, leftover units to the largest remainders (ties: input order).",
  "cases": [
    {"pool": "100", "weights": ["1", "1", "1"], "money_dp": 2, "expected": ["33.34", "33.33", "33.33"]},
    {"pool": "10", "weights": ["1", "2", "3"], "money_dp": 0, "expected": ["2", "3", "5"]},
    {"pool": "7", "weights": ["0.5", "0.25"], "money_dp": 2, "expected": ["4.67", "2.33"]},
    {"pool": "1000", "weights": ["6000", "4800", "0", "7200"], "money_dp": 2, "expected": ["333.33", "266.67", "0.00", "400.00"]}]})
# a tie at the S boundary: n = 3, S max 34% -> ceil(1.02) = 2; E02 and E03 both 96 (S): id order splits them
write_doc("distribution_tie", {"kind": "distribution", "description": "Two people tied at 96 on the S boundary: the quota splits them and the tie is reported.",
  "scheme": FD, "records": fd_records(["99", "96", "96"]), "config": {"grades": ["S", "A", "B", "C", "D"], "quotas": [{"grades": ["S"], "max_pct": "34"}]},
  "expected": {"population": 3, "applied": True, "quotas": [{"grades": ["S"], "kind": "max", "pct": "34", "limit": 2, "count": 2}],
    "people": placements(["S", "S", "S"], ["S", "S", "A"], {2: "max quota S (34% of 3 = 2) full"}),
    "ties": [{"employees": ["E02", "E03"], "from": "S", "to": ["S", "A"]}]}})
print("section 7 ok")

# --- issue 12: the corpus grows to what-if, rule steps in zh/en and bonus amounts ---
# what-if on FD (direct x; S 95, A 85, B 70, C 60): 80.0 is B; A needs a total of 85.00, i.e.
# x >= 84.995 (half up), on the value's grid of tenths: 85.0, shown "85".
def wa(current, outcome, value=None, total=None, grade=None, note=None):
    return {"indicator": "x", "current": current, "outcome": outcome, "value": value, "total": total, "grade": grade, "note": note}
write_doc("whatif_next_grade", {"kind": "whatif", "description": "80.0 (B) needs 85 for A: the least value on the grid of tenths whose total rounds to 85.00.",
  "scheme": FD, "record": {"employee": "E01", "period": "P", "values": {"x": "80.0"}}, "target": None,
  "expected": {"employee": "E01", "period": "P", "total": "80.00", "grade": "B", "target": "A",
               "answers": [wa("80.0", "reachable", "85", "85.00", "A")]}})
# a named target: S needs 95.00 -> x >= 94.995 -> 95.0 on tenths
write_doc("whatif_target", {"kind": "whatif", "description": "80.0 (B) asked for S: 95 on the grid of tenths.",
  "scheme": FD, "record": {"employee": "E01", "period": "P", "values": {"x": "80.0"}}, "target": "S",
  "expected": {"employee": "E01", "period": "P", "total": "80.00", "grade": "B", "target": "S",
               "answers": [wa("80.0", "reachable", "95", "95.00", "S")]}})
# an event veto caps 90 (natural A) at C: the target B cannot be reached by any value of x
write_doc("whatif_vetoed", {"kind": "whatif", "description": "Natural A capped at C by an event veto: no change of x reaches B; the veto is named.",
  "scheme": FD, "record": {"employee": "E01", "period": "P", "values": {"x": "90"}, "events": {"incident": 1}}, "target": None,
  "expected": {"employee": "E01", "period": "P", "total": "90.00", "grade": "C", "target": "B",
               "answers": [wa("90", "vetoed", note='veto "v" caps the grade at C: no change of one indicator can lift it')]}})
# rule steps as the core writes them, and in Chinese
write_doc("steps_zh", {"kind": "steps", "description": "Rule steps rendered per language; the JSON step stays English.",
  "cases": [
    {"step": "band 3: >= 95", "lang": "zh", "expected": "第 3 档：≥ 95"},
    {"step": "band 1: <= 0", "lang": "zh", "expected": "第 1 档：≤ 0"},
    {"step": "segment 2: 90 to 100", "lang": "zh", "expected": "第 2 段：90 至 100"},
    {"step": "linear at or above 90", "lang": "zh", "expected": "线性，不低于 90"},
    {"step": "deduction: 3 x 10 (after 1 free), floor 20", "lang": "zh", "expected": "扣分：3 × 10（免扣 1），最低 20"},
    {"step": "ratio: 100 x 84.6 / 85", "lang": "zh", "expected": "比率：100 × 84.6 / 85"},
    {"step": "raters: supervisor 70/1, peer 170/2", "lang": "zh", "expected": "评价人：supervisor 70/1，peer 170/2"},
    {"step": "otherwise", "lang": "zh", "expected": "其他情况"},
    {"step": "band 3: >= 95", "lang": "en", "expected": "band 3: >= 95"}]})
# bonus = R_money(base × coefficient × months_served / months_in_period), one fraction
write_doc("bonus", {"kind": "bonus", "description": "Bonus amounts: one fraction, rounded once at money_dp by the mode.",
  "cases": [
    {"base": "8000", "coefficient": "1.2", "months_served": "5", "months_in_period": "12", "money_dp": 2, "mode": "half_up", "expected": "4000.00"},
    {"base": "5000", "coefficient": "1.1", "months_served": "7", "months_in_period": "12", "money_dp": 2, "mode": "half_up", "expected": "3208.33"},
    {"base": "1000", "coefficient": "1", "months_served": "1", "months_in_period": "8", "money_dp": 0, "mode": "half_up", "expected": "125"},
    {"base": "10.005", "coefficient": "1", "months_served": "1", "months_in_period": "1", "money_dp": 2, "mode": "half_even", "expected": "10.00"},
    {"base": "10.005", "coefficient": "1", "months_served": "1", "months_in_period": "1", "money_dp": 2, "mode": "half_up", "expected": "10.01"}]})

# the process (handbook chapter 6) with real Unix times (2025-12-02T00:00:00Z = 1764633600):
# each step's resulting state, or its error code and path; then the audit chain under tampering.
T0, DAY = 1764633600, 86400
def adv(to, actor, role, at, reason=None, state=None, error=None):
    s = {"op": "advance", "to": to, "actor": actor, "role": role, "at": at, "reason": reason}
    s["expected"] = {"state": state} if state else {"error": error}
    return s
def appeal(actor, at, reason, state=None, error=None):
    return {"op": "appeal", "actor": actor, "at": at, "reason": reason,
            "expected": {"state": state} if state else {"error": error}}
write_doc("process_appeal", {"kind": "process", "description": "Draft to feedback with the right roles, refused steps (wrong order, wrong role, self-review, time going back, a late appeal), an appeal in time; then the audit chain: intact, an edited entry, a removed entry.",
  "scheme": FD, "record": {"employee": "E01", "period": "P", "values": {"x": "88"}}, "appeal_window": 7 * DAY,
  "steps": [
    adv("reviewing", "H1", "hr", T0, error={"code": "illegal_transition", "path": "state"}),
    adv("collecting", "M01", "supervisor", T0, error={"code": "not_permitted", "path": "actor"}),
    adv("collecting", "H1", "hr", T0, state="collecting"),
    adv("scoring", "M01", "supervisor", T0 + DAY, state="scoring"),
    adv("reviewing", "M01", "supervisor", T0 + 2 * DAY, state="reviewing"),
    adv("feedback", "E01", "reviewer", T0 + 3 * DAY, error={"code": "separation_of_duty", "path": "actor"}),
    adv("feedback", "R1", "reviewer", T0 + DAY, error={"code": "time_order", "path": "at"}),
    adv("feedback", "R1", "reviewer", T0 + 3 * DAY, state="feedback"),
    appeal("E01", T0 + 11 * DAY, "late", error={"code": "appeal_window_closed", "path": "at"}),
    appeal("E01", T0 + 5 * DAY, "CSAT sample too small", state="reviewing")],
  "audit": {"entries": 5,
    "tamper": [{"how": "none", "expected": None},
               {"how": "edit", "index": 2, "expected": "entry 2 was edited: its hash does not match its content"},
               {"how": "remove", "index": 1, "expected": "entry 1 does not follow the entry before it: an entry was removed or the order changed"}]}})

# indicator analytics over FD results x = 80, 90, 100 and one without x (N/A):
# n = 4, m = 3; N/A share 1/4 = 25.00; mean 270/3 = 90.00; nearest rank ceil(p·3/100):
# p25 -> 1st = 80.00, median -> 2nd = 90.00, p75 -> 3rd = 100.00; range 20.00;
# full share 1/3 = 33.33; zero share 0.00; no flag at the default thresholds 90 and 50.
write_doc("analytics", {"kind": "analytics", "description": "Per-indicator statistics, nearest-rank percentiles, shares rounded like scores.",
  "scheme": FD, "records": fd_records(["80", "90", "100"]) + [{"employee": "E04", "period": "P", "values": {}}],
  "expected": [{"id": "x", "results": 4, "measured": 3, "na_share": "25.00", "mean": "90.00", "min": "80.00", "p25": "80.00",
                "median": "90.00", "p75": "100.00", "max": "100.00", "range": "20.00", "full_share": "33.33", "zero_share": "0.00",
                "flags": []}]})
# a version diff: grade A's minimum 85 -> 86, and grade S removed... only A changed here
FD2 = json.loads(json.dumps(FD)); FD2["grades"][1]["min"] = "86"
write_doc("version_diff", {"kind": "diff", "description": "What changed between two versions, in plain words, en and zh.",
  "old": FD, "new": FD2,
  "expected": {"en": [{"kind": "changed", "path": "grades.A.min", "text": "grade A from 85 → 86"}],
               "zh": [{"kind": "changed", "path": "grades.A.min", "text": "等级 A 下限 85 → 86"}]}})

# result-application rules with history (SPEC §7): a small rule set on FD. E01 was D in 2026-Q1
# (x 50) and 2026-Q2 (x 55) and is B now (x 75): "at least 2 D of the last 3" holds (D, D, B);
# the first single-valued outcome in priority order wins (coef_b before coef_any), every rule
# whose condition holds is listed; bonus = 6000 × 1 × 3 / 3 = 6000.00.
RULES = {"format": "appraisal-rules/1", "id": "r", "version": "1", "name": "R", "grades": ["S", "A", "B", "C", "D"],
  "rules": [
    {"id": "demote", "priority": 1, "when": {"at_least": 2, "of_last": 3, "meet": {"grade_in": ["D"]}}, "then": {"position": "demotion_review"}},
    {"id": "coef_b", "priority": 10, "when": {"grade_in": ["B"]}, "then": {"bonus_coefficient": "1.0"}},
    {"id": "coef_any", "priority": 11, "when": {"always": True}, "then": {"bonus_coefficient": "0.5"}}]}
def fdr(period, x):
    return {"employee": "E01", "period": period, "values": {"x": x}}
write_doc("rules_history", {"kind": "rules", "description": "Rules see the current result and the employee's own earlier periods; history that is not earlier is refused.",
  "scheme": FD, "rules": RULES,
  "cases": [
    {"current": fdr("2026-Q3", "75"), "history": [fdr("2026-Q1", "50"), fdr("2026-Q2", "55")],
     "context": {"base_bonus": "6000", "months_served": "3", "months_in_period": "3"},
     "expected": {"employee": "E01", "period": "2026-Q3", "grade": "B", "bonus_coefficient": {"value": "1", "rule": "coef_b"},
                  "bonus": "6000.00", "salary_adjustment_pct": None, "position": {"value": "demotion_review", "rule": "demote"},
                  "training": [], "fired": ["demote", "coef_b", "coef_any"], "notes": []}},
    {"current": fdr("2026-Q3", "75"), "history": [fdr("2026-Q2", "55")], "context": {},
     "expected": {"employee": "E01", "period": "2026-Q3", "grade": "B", "bonus_coefficient": {"value": "1", "rule": "coef_b"},
                  "bonus": None, "salary_adjustment_pct": None, "position": None,
                  "training": [], "fired": ["coef_b", "coef_any"], "notes": []}},
    {"current": fdr("2026-Q3", "75"), "history": [fdr("2026-Q3", "50")], "context": {},
     "expected": {"error": {"code": "duplicate_id", "path": "history[0].period"}}},
    {"current": fdr("2026-Q3", "75"), "history": [fdr("2026-Q4", "50")], "context": {},
     "expected": {"error": {"code": "invalid_value", "path": "history[0].period"}}}]})
# the same rules for results of a scheme whose money_dp is 0: every front door that knows the
# scheme uses it: 1000 × 1 × 1 / 3 = 333.33… -> 333 (half up at 0 decimals)
FD0 = json.loads(json.dumps(FD)); FD0["rounding"] = {"dp": 2, "mode": "half_up", "money_dp": 0}
write_doc("rules_money_dp", {"kind": "rules", "for_scheme": True, "description": "Rules applied for a scheme's results: money at the scheme's money_dp (0).",
  "scheme": FD0, "rules": RULES,
  "cases": [
    {"current": fdr("2026-Q3", "75"), "history": [], "context": {"base_bonus": "1000", "months_served": "1", "months_in_period": "3"},
     "expected": {"employee": "E01", "period": "2026-Q3", "grade": "B", "bonus_coefficient": {"value": "1", "rule": "coef_b"},
                  "bonus": "333", "salary_adjustment_pct": None, "position": None,
                  "training": [], "fired": ["coef_b", "coef_any"], "notes": []}}]})

# confidentiality (handbook 6.2) under the built-in policy: one 360 result seen by an employee
# in scoring (identity only), by the employee in feedback (no rater identities), and by the
# reviewer in reviewing (everything). peer ratings 80 and 90: (80 + 90) / 2 = 85.00, grade A.
FR = scheme_base("fr", [{"id": "c", "name": "C", "weight": "100", "indicators": [
    {**I("r", "100", {"type": "direct"}), "raters": {"groups": [{"id": "peer", "weight": "100"}]}}]}],
    [{"id": "S", "min": "95"}, {"id": "A", "min": "85"}, {"id": "B", "min": "70"}, {"id": "C", "min": "60"}, {"id": "D", "min": "0"}])
RAT = {"r": [{"group": "peer", "rater": "P1", "value": "80"}, {"group": "peer", "rater": "P2", "value": "90"}]}
ID = {"employee": "E01", "period": "P", "scheme": {"id": "fr", "version": "1", "digest": "sha256:*"}}
TG = {"status": "complete", "coverage": "100.00", "base": "85.00", "adjustments": [], "adjustment_total": "0", "total": "85.00",
      "vetoes": [], "natural_grade": "A", "grade": "A"}
CATS = {"categories": [{"id": "c", "status": "scored", "score": "85.00"}]}
INDS = {"indicators": [{"id": "r", "category": "c", "status": "scored", "reason": None, "score": "85.00", "step": "raters: peer 170/2"}]}
COMMENTS = [{"by": "R1", "text": "CSAT sample was small"}]
write_doc("redaction", {"kind": "redact", "description": "Who sees what of one result, by role and state (the built-in handbook policy).",
  "scheme": FR, "record": {"employee": "E01", "period": "P", "ratings": RAT}, "ratings": RAT, "comments": COMMENTS,
  "cases": [
    {"role": "employee", "state": "scoring", "expected": ID},
    {"role": "employee", "state": "feedback", "expected": {**ID, **TG, **CATS, **INDS,
        "ratings": {"r": [{"group": "peer", "value": "80"}, {"group": "peer", "value": "90"}]}, "comments": COMMENTS}},
    {"role": "reviewer", "state": "reviewing", "expected": {**ID, **TG, **CATS, **INDS, "ratings": RAT, "comments": COMMENTS}}]})

# the appraisal form (appendix A), blank and filled, HTML and Markdown, en and zh: every
# runtime renders the same bytes. The Rust runner writes each text's SHA-256 to
# out/corpus/forms.json; the Python and Node runners render the same cases and compare (no
# stored hash: the runtimes are held to each other). Hand-checked pieces of each text too.
write_doc("forms", {"kind": "form", "description": "The form, byte for byte the same in Rust, Python and Node; hand-checked pieces.",
  "scheme": FD, "record": {"employee": "E01", "period": "2026-Q3", "values": {"x": "88"}},
  "cases": [
    {"filled": True, "lang": "en", "format": "markdown", "contains": ["E01", "2026-Q3", "| 88.00 |", "**88.00**", "**A**"]},
    {"filled": True, "lang": "zh", "format": "markdown", "contains": ["直接得分", "**88.00**", "**A**"]},
    {"filled": True, "lang": "en", "format": "html", "contains": ["<!doctype html>", "88.00", "E01"]},
    {"filled": False, "lang": "zh", "format": "html", "contains": ["<!doctype html>", "lang=\"zh-CN\""]}],
  # an unknown format is an error with its path in every runtime, never a silent HTML
  "errors": [{"filled": True, "lang": "en", "format": "pdf", "expected": {"code": "invalid_value", "path": "format"}},
             {"filled": True, "lang": "fr", "format": "html", "expected": {"code": "invalid_value", "path": "lang"}}]})

# ---------------------------------------------------------------- format 2 (SPEC §8), by hand
F2_GRADES = [{"id": "A", "min": "90"}, {"id": "B", "min": "75"}, {"id": "C", "min": "60"}, {"id": "D", "min": "0"}]
def f2(id, cats, **kw):
    s = scheme_base(id, cats, F2_GRADES, **kw)
    s["format"] = "appraisal-scheme/2"
    return s
def direct(id, w): return I(id, w, {"type": "direct"})
def card2(emp, scheme, status, coverage, inds, cats, base, total, vetoes, ng, g, **extra):
    r = result(emp, "P", scheme, status, coverage, inds, cats, base, [], "0", total, vetoes, ng, g)
    out = {}
    for k, v in r.items():  # the rating sits beside the total (SPEC §8.2)
        out[k] = v
        if k == "total":
            out.update(extra)
    return out

# 8.1 relative weights: a (1): x; b (2): y (w 3), z (w 1).
REL = f2("f2rel", [{"id": "a", "name": "a", "weight": "1", "indicators": [direct("x", "5")]},
                   {"id": "b", "name": "b", "weight": "2", "indicators": [direct("y", "3"), direct("z", "1")]}], weights="relative")
write("format2_relative_weights",
  "Relative weights: S_b = (3 x 80 + 40) / 4 = 70; base (90 + 2 x 70) / 3 = 76.67; without y: S_b = 40, base 170 / 3 = 56.67, K = 100 x (5/5 + 2 x 1/4) / 3 = 50.00.",
  REL, [{"employee": "E1", "period": "P", "values": {"x": "90", "y": "80", "z": "40"}},
        {"employee": "E2", "period": "P", "values": {"x": "90", "z": "40"}}],
  [card2("E1", REL, "complete", "100.00", [ind("x", "a", "90.00", "direct"), ind("y", "b", "80.00", "direct"), ind("z", "b", "40.00", "direct")],
         [cat("a", "90.00"), cat("b", "70.00")], "76.67", "76.67", [], "B", "B"),
   card2("E2", REL, "complete", "50.00", [ind("x", "a", "90.00", "direct"), na("y", "b", "missing_value"), ind("z", "b", "40.00", "direct")],
         [cat("a", "90.00"), cat("b", "40.00")], "56.67", "56.67", [], "D", "D")])

# 8.2 a rating beside the total: 1 + 86.30 x 4 / 100 = 4.452 -> 4.5; no total -> null.
RAT2 = f2("f2rating", [{"id": "a", "name": "a", "weight": "100", "indicators": [direct("x", "100")]}],
          rating={"points": [["0", "1"], ["100", "5"]], "dp": 1})
write("format2_rating", "SPEC §8.2's example: 86.30 -> rating 4.5; a null total gives a null rating.",
  RAT2, [{"employee": "E1", "period": "P", "values": {"x": "86.30"}}, {"employee": "E2", "period": "P", "values": {}}],
  [card2("E1", RAT2, "complete", "100.00", [ind("x", "a", "86.30", "direct")], [cat("a", "86.30")], "86.30", "86.30", [], "B", "B", rating="4.5"),
   card2("E2", RAT2, "incomplete", "0.00", [na("x", "a", "missing_value")], [cat("a", None, "not_applicable")], None, None, [], None, None, rating=None)])

# 8.3 a deduction pool: 2 complaints (d 50) and 1 violation (d 10): 100 - 50 - 10 = 40.
def ded(per): return {"type": "deduction", "per_unit": per, "full": "100", "free_units": "0", "floor": "0"}
def pooled(id, per):
    d = I(id, "0", ded(per), unit="count"); del d["weight"]; return d
POOL = f2("f2pool", [{"id": "discipline", "name": "d", "weight": "30", "pool": {"full": "100", "floor": "0"},
                      "indicators": [pooled("complaint", "25"), pooled("violation", "10"), pooled("late", "5")]},
                     {"id": "work", "name": "w", "weight": "70", "indicators": [direct("x", "100")]}])
write("format2_pool", "SPEC §8.3's example: 100 - 50 - 10 = 40; base (30 x 40 + 70 x 80) / 100 = 68.00; 5 complaints use the pool up (the item's own floor 0 shows in its step; the pool 0).",
  POOL, [{"employee": "E1", "period": "P", "values": {"complaint": 2, "violation": 1, "x": "80"}},
         {"employee": "E2", "period": "P", "values": {"complaint": 5, "x": "80"}}],
  [card2("E1", POOL, "complete", "100.00", [ind("complaint", "discipline", "50.00", "deduction: 2 x 25"), ind("violation", "discipline", "90.00", "deduction: 1 x 10"),
         na("late", "discipline", "missing_value"), ind("x", "work", "80.00", "direct")],
         [cat("discipline", "40.00"), cat("work", "80.00")], "68.00", "68.00", [], "C", "C"),
   card2("E2", POOL, "complete", "100.00", [ind("complaint", "discipline", "0.00", "deduction: 5 x 25, floor 0"), na("violation", "discipline", "missing_value"),
         na("late", "discipline", "missing_value"), ind("x", "work", "80.00", "direct")],
         [cat("discipline", "0.00"), cat("work", "80.00")], "56.00", "56.00", [], "D", "D")])

# 8.4 strict bounds: above 90 -> 100, at_least 90 -> 80.
STRICT = f2("f2strict", [{"id": "a", "name": "a", "weight": "100", "indicators": [I("q", "100", {"type": "bands", "direction": "higher_better",
    "steps": [{"above": "90", "score": "100"}, {"at_least": "90", "score": "80"}], "otherwise": "0"})]}])
write("format2_strict_bands", "90 is not above 90 (band 2: 80); 90.01 is (band 1: 100).",
  STRICT, [{"employee": "E1", "period": "P", "values": {"q": "90"}}, {"employee": "E2", "period": "P", "values": {"q": "90.01"}}],
  [card2("E1", STRICT, "complete", "100.00", [ind("q", "a", "80.00", "band 2: >= 90")], [cat("a", "80.00")], "80.00", "80.00", [], "B", "B"),
   card2("E2", STRICT, "complete", "100.00", [ind("q", "a", "100.00", "band 1: > 90")], [cat("a", "100.00")], "100.00", "100.00", [], "A", "A")])

# 8.5 a veto on a 360 item's score: ratings "1" (20) and "3" (60): 80 / 2 = 40 < 50 fires.
SCALE = {"type": "scale", "levels": [{"key": "1", "score": "20"}, {"key": "3", "score": "60"}, {"key": "5", "score": "100"}]}
SV = f2("f2veto", [{"id": "quality", "name": "q", "weight": "100", "indicators": [
    {**I("critical", "50", SCALE), "kind": "qualitative", "raters": {"groups": [{"id": "qa", "weight": "100"}]}}, direct("x", "50")]}],
    vetoes=[{"id": "autofail", "when": {"indicator": "critical", "on": "score", "op": "<", "value": "50"}, "effect": {"type": "zero_category", "category": "quality"}}])
def qa(*keys): return {"critical": [{"group": "qa", "rater": f"R{i}", "value": k} for i, k in enumerate(keys)]}
write("format2_score_veto", "Score 40 < 50: quality is zeroed (a vetoed category measures nothing: K = 0.00); 80: no veto, (80 x 50 + 90 x 50) / 100 = 85.00.",
  SV, [{"employee": "E1", "period": "P", "values": {"x": "90"}, "ratings": qa("1", "3")},
       {"employee": "E2", "period": "P", "values": {"x": "90"}, "ratings": qa("3", "5")}],
  [card2("E1", SV, "complete", "0.00", [ind("critical", "quality", "40.00", "raters: qa 80/2"), ind("x", "quality", "90.00", "direct")],
         [cat("quality", "0.00", "vetoed")], "0.00", "0.00", ["autofail"], "D", "D"),
   card2("E2", SV, "complete", "100.00", [ind("critical", "quality", "80.00", "raters: qa 160/2"), ind("x", "quality", "90.00", "direct")],
         [cat("quality", "85.00")], "85.00", "85.00", [], "B", "B")])

# 8.6 scoped indicators: typing applies to chat and email only.
SCOPE = f2("f2scope", [{"id": "a", "name": "a", "weight": "60", "indicators": [
    {**direct("typing", "50"), "applies_when": {"attribute": "channel", "in": ["chat", "email"]}}, direct("greeting", "50")]},
    {"id": "b", "name": "b", "weight": "40", "indicators": [direct("resolution", "100")]}], missing={"policy": "zero"})
write("format2_out_of_scope", "Phone: typing out of scope even under policy zero (its value ignored): a = 70, base 78.00, K 100.00; chat without typing: missing data, scored 0 under zero: a = 35, base 57.00, K = 70.00; an attribute no indicator names is an error.",
  SCOPE, [{"employee": "E1", "period": "P", "attributes": {"channel": "phone"}, "values": {"typing": "10", "greeting": "70", "resolution": "90"}},
          {"employee": "E2", "period": "P", "attributes": {"channel": "chat"}, "values": {"greeting": "70", "resolution": "90"}},
          {"employee": "E3", "period": "P", "attributes": {"queue": "vip"}}],
  [card2("E1", SCOPE, "complete", "100.00", [na("typing", "a", "out_of_scope"), ind("greeting", "a", "70.00", "direct"), ind("resolution", "b", "90.00", "direct")],
         [cat("a", "70.00"), cat("b", "90.00")], "78.00", "78.00", [], "B", "B"),
   card2("E2", SCOPE, "complete", "70.00", [na("typing", "a", "missing_value", "0.00"), ind("greeting", "a", "70.00", "direct"), ind("resolution", "b", "90.00", "direct")],
         [cat("a", "35.00"), cat("b", "90.00")], "57.00", "57.00", [], "D", "D"),
   err("E3", "P", ("unknown_attribute", "attributes.queue"))])

# 8.7 guidelines with an operator each (SAP KBA 3634696): 19 people, a <= 10 % -> 2, a + b = 30 % -> 5, c = 40 % -> 7.
SAP = f2("f2sap", [{"id": "k", "name": "k", "weight": "100", "indicators": [direct("x", "100")]}])
SAP["grades"] = [{"id": "a", "min": "50"}, {"id": "b", "min": "40"}, {"id": "c", "min": "30"}, {"id": "d", "min": "0"}]
SAP_TO = ["a"] * 2 + ["b"] * 3 + ["c"] * 7 + ["d"] * 7
# Everyone who moves was first stopped at a (the reason names the first quota that stopped them).
SAP_WHY = {k: "max quota a (10% of 19 = 2) full" for k in range(2, 19)}
write_doc("format2_guidelines", {"kind": "distribution", "description": "SPEC §8.7's SAP example: limits 2, 5 and 7 from 1.9 up, 5.7 down, 7.6 down.",
  "scheme": SAP, "records": [{"employee": f"E{i + 1:02d}", "period": "P", "values": {"x": str(78 - i)}} for i in range(19)],
  "config": {"grades": ["a", "b", "c", "d"], "quotas": [{"grades": ["a"], "op": "<=", "pct": "10"}, {"grades": ["a", "b"], "op": "=", "pct": "30"},
                                                       {"grades": ["c"], "op": "=", "pct": "40"}]},
  "expected": {"population": 19, "applied": True,
    "quotas": [{"grades": ["a"], "kind": "max", "pct": "10", "limit": 2, "count": 2}, {"grades": ["a", "b"], "kind": "target", "pct": "30", "limit": 5, "count": 5},
               {"grades": ["c"], "kind": "target", "pct": "40", "limit": 7, "count": 7}],
    "people": [{"employee": f"E{i + 1:02d}", "rank": i + 1, "from": "a", "to": t, "reason": SAP_WHY.get(i)} for i, t in enumerate(SAP_TO)],
    "ties": []}})

# §8: a format-1 document with a format-2 field is rejected at that field; a format-2 document's
# own errors all at once.
BAD1 = copy.deepcopy(APPENDIX_SCHEME)
BAD1["weights"] = "relative"
BAD1["categories"][0]["pool"] = {}
open(OUT + "format2_in_format1.json", "w").write(json.dumps({"name": "format2_in_format1",
  "description": "Format 1 with weights and pool: unknown_field at each, nothing else.", "scheme": BAD1,
  "scheme_errors": [{"code": "unknown_field", "path": "weights"}, {"code": "unknown_field", "path": "categories[0].pool"}]}, ensure_ascii=False, indent=1) + "\n")
BAD2 = copy.deepcopy(POOL)
BAD2["categories"][0]["indicators"][0]["weight"] = "10"
BAD2["categories"][0]["indicators"][1]["rubric"] = {"type": "direct"}
BAD2["rating"] = {"points": [["0", "5"], ["100", "1"]]}
open(OUT + "format2_scheme_errors.json", "w").write(json.dumps({"name": "format2_scheme_errors",
  "description": "A pool item with a weight, a pool item without a deduction rubric, a decreasing rating map: all reported.", "scheme": BAD2,
  "scheme_errors": [{"code": "invalid_value", "path": "categories[0].indicators[0].weight"},
                    {"code": "invalid_rubric", "path": "categories[0].indicators[1].rubric.type"},
                    {"code": "invalid_value", "path": "rating.points[1][1]"}]}, ensure_ascii=False, indent=1) + "\n")
print("format 2 ok")
