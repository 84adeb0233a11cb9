"""Writes the three format-2 example schemes (SPEC §8) as JSON beside this file.

python3 crates/appraisal/src/scheme/builtin/examples2.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def t(zh, en):
    return {"zh": zh, "en": en}


def levels(scores):
    names = [("5", "卓越", "Outstanding"), ("4", "良好", "Good"), ("3", "达标", "Meets expectations"),
             ("2", "待改进", "Below expectations"), ("1", "不合格", "Unacceptable")]
    return [{"key": k, "label": t(zh, en), "score": s} for (k, zh, en), s in zip(names, scores)]


def q(id_, zh, en, weight, rubric, std_zh, std_en, **extra):
    kind = "qualitative" if rubric["type"] in ("scale", "pass_fail") else "quantitative"
    unit = extra.pop("unit", None) or {"scale": "rating", "pass_fail": "yes_no", "deduction": "count"}.get(rubric["type"], "score")
    out = {"id": id_, "name": t(zh, en), "kind": kind, "unit": unit, "source": extra.pop("source", "qa_review"),
           "standard": t(std_zh, std_en)}
    if weight is not None:
        out["weight"] = weight
    out["rubric"] = rubric
    out.update(extra)
    return out


YES_NO = {"type": "pass_fail", "pass": "100", "fail": "0"}
FIVE = {"type": "scale", "levels": levels(["100", "80", "60", "30", "0"])}

qa_form = {
    "$schema": "../../../../../schemas/scheme.schema.json",
    "format": "appraisal-scheme/2",
    "id": "qa-evaluation-form",
    "version": "2026.1",
    "name": t("联络中心通话/会话质检评分表", "Contact-centre QA evaluation form"),
    "roles": ["csr"],
    "period": "month",
    "effective": {"from": "2026-01-01"},
    "weights": "relative",
    "rounding": {"dp": 2, "mode": "half_up", "money_dp": 2},
    "missing": {"policy": "renormalize", "min_coverage": "60"},
    "categories": [
        {"id": "opening", "name": t("开场", "Opening"), "weight": "1", "indicators": [
            q("greeting", "规范问候", "Standard greeting", "1", YES_NO,
              "按规范话术问候并报工号", "Greets with the standard script and gives the agent id"),
            q("verification", "身份核验", "Identity verification", "2", YES_NO,
              "办理业务前完成客户身份核验", "Verifies the customer's identity before any account action"),
        ]},
        {"id": "handling", "name": t("问题处理", "Handling"), "weight": "3", "indicators": [
            q("accuracy", "信息准确", "Accuracy of information", "3", FIVE,
              "答复内容与知识库一致、无误导（关键项：得分低于 50 视为不合格）",
              "Answers match the knowledge base and do not mislead (critical: a score below 50 fails the contact)"),
            q("empathy", "共情与礼貌", "Empathy and courtesy", "2", FIVE,
              "理解客户情绪、语气礼貌", "Acknowledges the customer's situation; courteous tone"),
            q("hold_etiquette", "通话保持规范", "Hold etiquette", "1", YES_NO,
              "电话渠道：保持前征得同意、每 60 秒回线", "Phone only: asks before holding and returns every 60 seconds",
              applies_when={"attribute": "channel", "in": ["phone"]}),
            q("writing", "书面表达", "Written clarity", "1", FIVE,
              "在线/邮件渠道：无错别字、段落清晰", "Chat and email only: no typos, clear paragraphs",
              applies_when={"attribute": "channel", "in": ["chat", "email"]}),
        ]},
        {"id": "closing", "name": t("结束", "Closing"), "weight": "1", "indicators": [
            q("resolution_check", "确认问题解决", "Confirms resolution", "1", YES_NO,
              "结束前确认客户问题已解决", "Confirms the issue is resolved before closing"),
        ]},
    ],
    "vetoes": [
        {"id": "critical_accuracy", "name": t("关键项不合格", "Critical item failed"),
         "when": {"indicator": "accuracy", "on": "score", "op": "<", "value": "50"},
         "effect": {"type": "zero_total"}},
    ],
    "grades": [
        {"id": "excellent", "name": t("优秀", "Excellent"), "min": "90"},
        {"id": "good", "name": t("良好", "Good"), "min": "75"},
        {"id": "fair", "name": t("待提升", "Needs coaching"), "min": "60"},
        {"id": "fail", "name": t("不合格", "Fail"), "min": "0"},
    ],
}

DED = lambda per: {"type": "deduction", "per_unit": per, "full": "100", "free_units": "0", "floor": "0"}

discipline = {
    "$schema": "../../../../../schemas/scheme.schema.json",
    "format": "appraisal-scheme/2",
    "id": "discipline-pool",
    "version": "2026.1",
    "name": t("客服代表月度考核（含考勤纪律扣分制）", "CSR monthly appraisal with a discipline deduction pool"),
    "roles": ["csr"],
    "period": "month",
    "effective": {"from": "2026-01-01"},
    "missing": {"policy": "renormalize", "min_coverage": "60"},
    "categories": [
        {"id": "performance", "name": t("工作业绩", "Performance"), "weight": "70", "indicators": [
            q("first_contact_resolution", "一次解决率", "First-contact resolution", "60",
              {"type": "linear", "zero_at": "50", "full_at": "90"},
              "一次接触即解决的工单占比（%）", "Share of tickets resolved at the first contact (%)", source="ticketing", unit="percent"),
            q("csat", "客户满意度", "Customer satisfaction", "40",
              {"type": "linear", "zero_at": "60", "full_at": "95"},
              "回访满意率（%）", "Satisfied share of follow-up surveys (%)", source="survey", unit="percent"),
        ]},
        {"id": "discipline", "name": t("考勤纪律（扣分制）", "Attendance and discipline (deduction pool)"), "weight": "30",
         "pool": {"full": "100", "floor": "0"}, "indicators": [
            q("late", "迟到早退", "Late arrival or early leave", None, DED("5"),
              "每次扣 5 分，扣完为止", "5 points off each time, until the pool is used up", source="time_clock"),
            q("absence", "旷工", "Unexcused absence", None, DED("30"),
              "每天扣 30 分", "30 points off each day", source="time_clock"),
            q("script_violation", "违反服务规范", "Service-rule violation", None, DED("10"),
              "经质检确认的违规每次扣 10 分", "10 points off each violation confirmed by QA"),
         ]},
    ],
    "grades": [
        {"id": "A", "name": t("优秀", "Excellent"), "min": "90"},
        {"id": "B", "name": t("良好", "Good"), "min": "75"},
        {"id": "C", "name": t("合格", "Satisfactory"), "min": "60"},
        {"id": "D", "name": t("待改进", "Needs improvement"), "min": "0"},
    ],
}

manager = {
    "$schema": "../../../../../schemas/scheme.schema.json",
    "format": "appraisal-scheme/2",
    "id": "manager-review",
    "version": "2026.1",
    "name": t("主管年度评议（1–5 分评级）", "Manager's annual review (1–5 rating)"),
    "roles": ["csr", "tech_support", "account_manager"],
    "period": "year",
    "effective": {"from": "2026-01-01"},
    "rating": {"points": [["0", "1"], ["60", "3"], ["100", "5"]], "dp": 1},
    "categories": [
        {"id": "results", "name": t("目标达成", "Results"), "weight": "60", "indicators": [
            q("goals", "年度目标完成", "Annual goals met", "100",
              {"type": "bands", "direction": "higher_better", "steps": [
                  {"above": "100", "score": "100"}, {"at_least": "100", "score": "90"},
                  {"at_least": "90", "score": "75"}, {"at_least": "75", "score": "60"}], "otherwise": "30"},
              "年度目标完成率（%）；超额完成（高于 100%）得满分", "Goals met (%); above 100 % scores full marks",
              source="manager", unit="percent"),
        ]},
        {"id": "behaviours", "name": t("行为表现", "Behaviours"), "weight": "40", "indicators": [
            q("collaboration", "协作", "Collaboration", "50", FIVE, "主管按 1–5 级评价", "Rated 1–5 by the manager", source="manager"),
            q("development", "学习成长", "Growth", "50", FIVE, "主管按 1–5 级评价", "Rated 1–5 by the manager", source="manager"),
        ]},
    ],
    "grades": [
        {"id": "exceeds", "name": t("超出期望", "Exceeds"), "min": "85"},
        {"id": "meets", "name": t("达到期望", "Meets"), "min": "60"},
        {"id": "below", "name": t("低于期望", "Below"), "min": "0"},
    ],
}

for name, doc in [("qa_form", qa_form), ("discipline_pool", discipline), ("manager_review", manager)]:
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
