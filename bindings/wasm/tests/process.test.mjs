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
  assert.throws(() => a.advance("feedback", "E1001", "reviewer", 4 * DAY), (e) => e.errors[0].path === "separation_of_duty");
  a.advance("feedback", "R1", "reviewer", 4 * DAY);
  assert.throws(() => a.appeal("E1001", 11 * DAY + 1, "late"), (e) => e.errors[0].path === "appeal_window_closed");
  a.appeal("E1001", 5 * DAY, "CSAT sample");
  assert.equal(a.state, "reviewing");
  const log = a.audit;
  assert.equal(wasm.verifyAudit(log), undefined);
  log.splice(1, 1);
  assert.match(wasm.verifyAudit(log), /entry 1 does not follow/);
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
