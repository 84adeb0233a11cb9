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

test("pool split errors are coded", () => {
  assert.throws(() => wasm.splitPool("5", [0]), (e) => e instanceof wasm.AppraisalError && e.errors[0].path === "weights");
});

test("roll-up with weights, what-if and rules with history", () => {
  const [a, b] = cards(["80", "90"]);
  assert.equal(scheme.rollup("E01", "Q", [a, b], ["1", 3]).total, "87.50"); // (80 + 270) / 4
  const w = scheme.whatif({ employee: "E", period: "P", values: { x: "80.0" } });
  assert.equal(w.target, "A");
  assert.equal(w.answers[0].value, "85");
  const rules = wasm.builtinRules();
  const app = rules.apply(cards(["91"])[0], cards(["90", "88", "96"]), { compa_ratio: "0.95", base_bonus: 6000, months_served: 2, months_in_period: 3 }, "en");
  assert.equal(app.position.value, "promotion_eligible");
  assert.equal(app.bonus, "4800.00"); // 6000 × 1.2 × 2 / 3
  assert.equal(app.salary_adjustment_pct.value, "4.5");
  assert.throws(() => wasm.RuleSet.fromJson({ format: "appraisal-rules/1" }), (e) => e instanceof wasm.AppraisalError);
});
