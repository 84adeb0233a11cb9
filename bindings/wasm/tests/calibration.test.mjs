// Calibration sessions from JS (issue 15): the bundled sample's known biased evaluators, entries
// as objects or as JSON Lines text, and coded errors. The hand-worked vector runs in corpus.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const PKG = process.env.APPRAISAL_WASM_NODE ?? "../../../out/wasm/node/appraisal_wasm.js";
const wasm = require(PKG);
const text = readFileSync(new URL("../../../examples/data/calibration-2026-01.jsonl", import.meta.url), "utf8");

test("calibrate: the sample's harsh QA02 and lenient QA04 are found, fair ones not flagged", () => {
  const scheme = wasm.builtinScheme("qa_form");
  const byText = scheme.calibrate(text);
  const byObjects = scheme.calibrate(text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l)));
  assert.equal(JSON.stringify(byText), JSON.stringify(byObjects));
  const flags = Object.fromEntries(byText.evaluators.map((e) => [e.evaluator, e.flag]));
  assert.deepEqual(flags, { QA01: null, QA02: "strict", QA03: null, QA04: "lenient", QA05: null });
  assert.equal(byText.strictest, "QA02");
  assert.equal(byText.most_lenient, "QA04");
});

test("calibrate: bad configuration and entries", () => {
  const scheme = wasm.builtinScheme("qa_form");
  assert.throws(() => scheme.calibrate([], { confidence: "0.97" }), (e) => e.code === "invalid_value");
  assert.throws(() => scheme.calibrate({ not: "entries" }), (e) => e.code === "invalid_type");
  const rep = scheme.calibrate([{ session: "S1", record: {} }]);
  assert.equal(rep.failures[0].errors[0].code, "missing_field");
});

test("leniency: the rater pool's lenient P04 and severe P08 are found", () => {
  const scheme = wasm.builtinScheme("csr");
  const pool = readFileSync(new URL("../../../examples/data/rater-pool-2026-Q3.jsonl", import.meta.url), "utf8");
  const records = pool.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  const rep = scheme.leniency(records);
  const flagged = Object.fromEntries(rep.raters.filter((r) => r.flag).map((r) => [r.rater, r.flag]));
  assert.deepEqual(flagged, { P04: "lenient", P08: "severe" });
  assert.throws(() => scheme.leniency(records, { dp: 13 }), (e) => e.code === "invalid_value");
});

test("correctRatings: explicit, marked, and shown on the scorecard", () => {
  const scheme = wasm.builtinScheme("csr");
  const pool = readFileSync(new URL("../../../examples/data/rater-pool-2026-Q3.jsonl", import.meta.url), "utf8");
  const records = pool.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  const rep = scheme.correctRatings(records, { method: "z_score" });
  assert.deepEqual(rep.pools.map((p) => [p.group, p.corrected]), [["supervisor", false], ["peer", true], ["supervisor", false], ["peer", true]]);
  assert.equal(records[0].rating_correction, undefined);
  assert.deepEqual(rep.records[0].rating_correction, { method: "z_score", min_pool: 10, min_ratings: 5 });
  const card = scheme.score(rep.records[0]);
  assert.deepEqual(card.rating_correction, { method: "z_score", ratings: 6 });
  assert.equal(scheme.score(records[0]).rating_correction, undefined);
  // The hand-worked vector: E1 (76.43 + 81.43 + 83.93) / 3 = 80.60 after the mean shift.
  const doc = JSON.parse(readFileSync(new URL("../../../tests/vectors/correction-mean-shift.json", import.meta.url), "utf8"));
  const s2 = wasm.Scheme.fromJson(doc.scheme);
  assert.equal(s2.score(s2.correctRatings(doc.records, doc.config).records[0]).total, "80.60");
  assert.throws(() => scheme.correctRatings(records, { method: "median" }), (e) => e.code === "invalid_value");
});

test("shrink: declared in the scheme, both values on the scorecard", () => {
  const doc = JSON.parse(readFileSync(new URL("../../../tests/vectors/shrinkage.json", import.meta.url), "utf8"));
  const scheme = wasm.Scheme.fromJson(doc.scheme);
  const rep = scheme.shrink(doc.records, doc.teams);
  // E1: (3 x 90 + 10 x 72) / 13 = 76.15 -> score 40.38 (75.00 from the raw 90).
  const card = scheme.score(rep.records[0]);
  assert.deepEqual(card.shrinkage, [{ indicator: "csat", raw: "90", shrunk: "76.15", raw_score: "75.00" }]);
  assert.equal(card.indicators[0].score, "40.38");
  assert.equal(scheme.score(doc.records[0]).shrinkage, undefined);
  assert.deepEqual(wasm.builtinScheme("csr").shrink([]).indicators, []);
  assert.throws(() => scheme.shrink(doc.records, { E1: 3 }), (e) => e.code === "invalid_type");
});

test("grade_uncertain on the scorecard when the scheme declares it", () => {
  const doc = JSON.parse(readFileSync(new URL("../../../tests/vectors/grade_uncertain.json", import.meta.url), "utf8"));
  const scheme = wasm.Scheme.fromJson(doc.scheme);
  // 90 % of 50: [46.60, 89.13] around 75.00 crosses A at 80 (worked in the vector).
  const g = scheme.score(doc.records[0]).grade_uncertain;
  assert.deepEqual(g, { uncertain: true, confidence: "0.95", total_interval: { lo: "46.60", hi: "89.13" }, boundaries: [{ grade: "A", min: "80" }] });
  assert.equal(scheme.score(doc.records[2]).grade_uncertain, undefined);
});

test("uncertainty: the hand-worked grade-uncertain record, and a bad confidence", () => {
  const doc = JSON.parse(readFileSync(new URL("../../../tests/vectors/uncertainty.json", import.meta.url), "utf8"));
  const scheme = wasm.Scheme.fromJson(doc.scheme);
  const rep = scheme.uncertainty(doc.records);
  assert.equal(rep.records[0].grade_uncertain, true);
  assert.deepEqual(rep.records[0].total_interval, { lo: "46.60", hi: "89.13" });
  assert.equal(rep.records[1].grade_uncertain, false);
  assert.throws(() => scheme.uncertainty(doc.records, { confidence: "0.5" }), (e) => e.code === "invalid_value");
});
