// Inter-rater reliability from JS (issue 15): the hand-worked corpus vector runs in corpus.test.mjs;
// here the sample centre agrees with the CLI's numbers and bad input throws a coded error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const PKG = process.env.APPRAISAL_WASM_NODE ?? "../../../out/wasm/node/appraisal_wasm.js";
const wasm = require(PKG);
const doc = JSON.parse(readFileSync(new URL("../../../tests/vectors/reliability.json", import.meta.url), "utf8"));

test("reliability: hand-worked values, dp given and by default", () => {
  const scheme = wasm.Scheme.fromJson(doc.scheme);
  const rep = scheme.reliability(doc.records);
  assert.equal(rep.dp, 4);
  // comm: nominal 1/3, ordinal 1 - 700/2400, interval 50/78 (worked in the vector's description)
  assert.deepEqual(rep.indicators[0].alpha, { nominal: "0.3333", ordinal: "0.7083", interval: "0.6410" });
  // care: ICC(2,1) = 13200/19200 = 0.6875 exactly; at 2 decimals half up 0.69
  assert.equal(scheme.reliability(doc.records, 2).indicators[1].icc.icc2_1, "0.69");
});

test("reliability: bad input is a coded error, bad records are listed", () => {
  const scheme = wasm.Scheme.fromJson(doc.scheme);
  assert.throws(() => scheme.reliability(doc.records, 13), (e) => e.code === "invalid_value");
  assert.throws(() => scheme.reliability({ not: "records" }), (e) => e.code === "invalid_type");
  assert.throws(() => scheme.reliability("[not json"), (e) => e.code === "invalid_json");
  const bad = { employee: "E9", period: "2026-Q3", ratings: { comm: [{ group: "boss", rater: "X", value: "1" }] } };
  const rep = scheme.reliability([...doc.records, bad]);
  assert.equal(rep.failures.length, 1);
  assert.equal(rep.failures[0].errors[0].code, "unknown_rater_group");
  assert.equal(rep.indicators[0].units, 3);
});
