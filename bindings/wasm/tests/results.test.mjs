// Periods, populations and the use of results from JS (Node build): hand-worked values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const wasm = require(process.env.APPRAISAL_WASM_NODE ?? "../../../out/wasm/node/appraisal_wasm.js");
const scheme = wasm.Scheme.fromJson({
  format: "appraisal-scheme/1", id: "fd", version: "1", name: "FD", period: "quarter", effective: { from: "2026-01-01" },
  categories: [{ id: "c", name: "C", weight: 100, indicators: [
    { id: "x", name: "X", kind: "quantitative", unit: "score", source: "internal", weight: 100, rubric: { type: "direct" } }] }],
  grades: [{ id: "S", min: 95 }, { id: "A", min: 85 }, { id: "B", min: 70 }, { id: "C", min: 60 }, { id: "D", min: 0 }],
});
const cards = (totals) => totals.map((t, i) => scheme.score({ employee: `E${String(i + 1).padStart(2, "0")}`, period: "P", values: { x: t } }));
// One employee's results over the given periods (roll-ups and history take only these).
const periods = (totals, labels) => totals.map((t, i) => scheme.score({ employee: "E01", period: labels[i], values: { x: t } }));

test("pool split errors are coded", () => {
  assert.throws(() => wasm.splitPool("5", [0]), (e) => e instanceof wasm.AppraisalError && e.errors[0].path === "weights");
});

test("roll-up with weights, what-if and rules with history", () => {
  const [a, b] = periods(["80", "90"], ["2026-Q1", "2026-Q2"]);
  assert.equal(scheme.rollup("E01", "Q", [a, b], ["1", 3]).total, "87.50"); // (80 + 270) / 4
  const w = scheme.whatif({ employee: "E", period: "P", values: { x: "80.0" } });
  assert.equal(w.target, "A");
  assert.equal(w.answers[0].value, "85");
  const rules = wasm.builtinRules();
  const app = rules.apply(periods(["91"], ["2026-Q3"])[0], periods(["90", "88", "96"], ["2025-Q4", "2026-Q1", "2026-Q2"]), { compa_ratio: "0.95", base_bonus: 6000, months_served: 2, months_in_period: 3 }, "en");
  assert.equal(app.position.value, "promotion_eligible");
  assert.equal(app.bonus, "4800.00"); // 6000 × 1.2 × 2 / 3
  assert.equal(app.salary_adjustment_pct.value, "4.5");
  assert.throws(() => wasm.RuleSet.fromJson({ format: "appraisal-rules/1" }), (e) => e instanceof wasm.AppraisalError);
});

test("issue 11: hostile arguments are coded errors, never coerced", () => {
  const isErr = (path) => (e) => e instanceof wasm.AppraisalError && e.errors.some((x) => x.path === path);
  const [a] = periods(["80"], ["2026-Q1"]);
  // min_periods 2^32 used to become 0; NaN money_dp used to become 0; 11 is beyond 0-10.
  assert.throws(() => scheme.rollup("E01", "Q", [a], null, 2 ** 32), isErr("min_periods"));
  assert.throws(() => scheme.rollup("E01", "Q", [a], null, 1.5), isErr("min_periods"));
  assert.throws(() => wasm.splitPool("100", ["1"], NaN), isErr("money_dp"));
  assert.throws(() => wasm.splitPool("100", ["1"], 11), isErr("money_dp"));
  assert.deepEqual(wasm.splitPool("100", ["1", "1", "1"], 2), ["33.34", "33.33", "33.33"]);
  assert.throws(() => wasm.renderForm(scheme, null, "en", "pdf"), isErr("format"));
  // another employee's result in a roll-up; a period twice; the current period as history
  const [other] = cards(["90", "70"]).slice(1);
  assert.throws(() => scheme.rollup("E01", "Q", [a, other]), isErr("results[1].employee"));
  assert.throws(() => scheme.rollup("E01", "Q", [a, a]), isErr("results[1].period"));
  const rules = wasm.builtinRules();
  assert.throws(() => rules.apply(a, [a]), isErr("history[0].period"));
  // a repeated employee in a distribution; duplicate JSON keys; a record over 1 MiB
  const config = { grades: ["S", "A", "B", "C", "D"], quotas: [{ grades: ["S"], max_pct: 10 }] };
  assert.throws(() => wasm.distribute(config, [a, a]), isErr("results[1].employee"));
  assert.throws(() => scheme.score('{"employee": "E", "period": "P", "values": {"x": 1, "x": 2}}'),
    (e) => e instanceof wasm.AppraisalError && e.errors[0].code === "invalid_json");
  const big = JSON.stringify({ employee: "E", period: "P", values: { x: "1".repeat(2 << 20) } });
  assert.throws(() => scheme.score(big), (e) => e instanceof wasm.AppraisalError && e.errors[0].code === "limit_exceeded");
  // whatif on a value with 26 decimals answers (it used to trap with "unreachable"): A needs
  // a total of 85.00, i.e. x >= 84.995 (half up), on the value's grid: 84.995
  const w = scheme.whatif({ employee: "E", period: "P", values: { x: "80.12345678901234567890123456" } });
  assert.equal(w.answers[0].outcome, "reachable");
  assert.equal(w.answers[0].value, "84.995");
});

test("issue 12: saved results are read back, checked by digest", () => {
  const saved = JSON.stringify(scheme.scoreMany([{ employee: "E01", period: "P", values: { x: "70" } }, { employee: "E02" }]));
  const back = scheme.readResults(saved);
  assert.equal(back.length, 2);
  assert.equal(back[0].total, "70.00");
  assert.ok(back[1].errors.length > 0);
  const lines = JSON.parse(saved).map((e) => JSON.stringify(e)).join("\n");
  assert.deepEqual(scheme.readResults(lines), back);
  const csr = wasm.builtinScheme("csr");
  assert.throws(() => csr.readResults(saved), (e) => e instanceof wasm.AppraisalError && e.errors[0].path === "results[0].scheme");
});
