// Process, audit, confidentiality, versions, analytics and the form from JS (Node build).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const wasm = require(process.env.APPRAISAL_WASM_NODE ?? "../../../out/wasm/node/appraisal_wasm.js");
const appendix = JSON.parse(readFileSync(new URL("../../../tests/vectors/appendix.json", import.meta.url), "utf8"));
const scheme = wasm.Scheme.fromJson(appendix.scheme);
const record = appendix.records[0];
const card = scheme.score(record);
const DAY = 86400;

test("process, appeal window, audit chain", () => {
  const a = new wasm.Appraisal(card, 7 * DAY);
  a.advance("collecting", "H1", "hr", 1 * DAY);
  a.advance("scoring", "M01", "supervisor", 2 * DAY);
  a.advance("reviewing", "M01", "supervisor", 3 * DAY);
  assert.throws(() => a.advance("feedback", "E1001", "reviewer", 4 * DAY), (e) => e.errors[0].code === "separation_of_duty" && e.errors[0].path === "actor");
  a.advance("feedback", "R1", "reviewer", 4 * DAY);
  assert.throws(() => a.appeal("E1001", 11 * DAY + 1, "late"), (e) => e.errors[0].code === "appeal_window_closed" && e.errors[0].path === "at");
  a.appeal("E1001", 5 * DAY, "CSAT sample");
  assert.equal(a.state, "reviewing");
  const log = a.audit;
  assert.equal(wasm.verifyAudit(log), undefined);
  log.splice(1, 1);
  assert.match(wasm.verifyAudit(log), /entry 1 does not follow/);
});

test("real Unix times are accepted, as in Python (issue 12)", () => {
  const t0 = 1764633600; // 2025-12-02T00:00:00Z
  const a = new wasm.Appraisal(card, 7 * DAY);
  a.advance("collecting", "H1", "hr", t0);
  a.advance("scoring", "M01", "supervisor", t0 + DAY);
  assert.equal(a.audit[1].at, t0 + DAY);
  assert.throws(() => a.advance("reviewing", "M01", "supervisor", t0), (e) => e.errors[0].code === "time_order" && e.errors[0].path === "at");
});

test("redaction, diff, analytics, form", () => {
  const v = wasm.redact(card, "employee", "feedback", record.ratings, [{ by: "R1", text: "ok" }]);
  assert.equal(v.total, "86.30");
  assert.ok(!JSON.stringify(v).includes("P07"));
  const csr = wasm.builtinScheme("csr");
  const doc = csr.toObject();
  doc.grades[1].min = "86";
  assert.deepEqual(wasm.diff(csr, wasm.Scheme.fromJson(doc)), [{ kind: "changed", path: "grades.A.min", text: "grade A from 85 → 86" }]);
  assert.equal(wasm.indicatorAnalytics(scheme, [card, card])[0].mean, "80.00");
  const html = wasm.renderForm(scheme, card, "zh");
  assert.ok(html.includes("出勤率") && html.includes("<b>86.30</b>"));
});

test("rule steps read in Chinese (issue 12)", () => {
  assert.equal(wasm.stepText("band 3: >= 95", "zh"), "第 3 档：≥ 95");
  assert.equal(wasm.stepText("ratio: 100 x 84.6 / 85", "zh"), "比率：100 × 84.6 / 85");
  assert.equal(wasm.stepText("band 3: >= 95"), "band 3: >= 95");
  assert.equal(wasm.unitText("seconds", "zh"), "秒");
  assert.equal(wasm.unitText("percent"), "%");
  // an unknown language is refused with a coded error, never a silent English
  assert.throws(() => wasm.stepText("pass", "fr"), (e) => e instanceof wasm.AppraisalError && e.errors[0].path === "lang");
});
