// The JS API: plain objects in and out, decimals as strings, coded errors, a module that
// survives bad input and panics.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const wasm = require(process.env.APPRAISAL_WASM_NODE ?? "../../../out/wasm/node/appraisal_wasm.js");
const appendix = JSON.parse(readFileSync(new URL("../../../tests/vectors/appendix.json", import.meta.url), "utf8"));
const RECORD = appendix.records[0];

test("the Appendix example, worked by hand: 86.30, A", () => {
  const scheme = wasm.Scheme.fromJson(JSON.stringify(appendix.scheme));
  const card = scheme.score(RECORD);
  assert.equal(card.base, "84.30");
  assert.equal(card.total, "86.30");
  assert.equal(card.grade, "A");
  assert.equal(card.categories[0].score, "72.50");
  assert.equal(card.indicators[0].step, "band 2: >= 95");
  assert.equal(card.scheme.digest, scheme.digest);
  // objects and JSON text are both accepted
  assert.equal(JSON.stringify(scheme.score(JSON.stringify(RECORD))), JSON.stringify(card));
  assert.equal(wasm.Scheme.fromJson(appendix.scheme).digest, scheme.digest);
});

test("numbers go through String(n): numbers and strings give the same result", () => {
  const scheme = wasm.Scheme.fromJson(appendix.scheme);
  const a = scheme.score({ ...RECORD, values: { attendance: 98.5, task_completion: 93 } });
  const b = scheme.score({ ...RECORD, values: { attendance: "98.5", task_completion: "93" } });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
});

test("built-ins, properties, digests agree with the canonical form", () => {
  assert.deepEqual(wasm.builtinNames(), ["csr", "tech_support", "account_manager"]);
  const s = wasm.builtinScheme("csr");
  assert.equal(s.id, "csr-quarterly");
  assert.equal(s.version, "2026.1");
  assert.match(s.digest, /^sha256:[0-9a-f]{64}$/);
  assert.equal(wasm.Scheme.fromJson(s.toJson()).digest, s.digest);
  assert.equal(s.toObject().categories.length, 4);
  assert.match(s.explain({ employee: "E", period: "P", values: { attendance: 99 } }, "zh"), /出勤率/);
});

test("coded errors with paths", () => {
  const scheme = wasm.Scheme.fromJson(appendix.scheme);
  assert.throws(
    () => scheme.score({ employee: "E", period: "P", values: { attendence: 99, task_completion: "93%" } }),
    (e) => {
      assert.ok(e instanceof wasm.AppraisalError);
      assert.equal(e.name, "AppraisalError");
      assert.equal(e.code, "unknown_indicator");
      assert.deepEqual(e.errors.map((x) => [x.code, x.path]), [
        ["unknown_indicator", "values.attendence"],
        ["unparsable_number", "values.task_completion"],
      ]);
      assert.match(String(e), /AppraisalError: invalid record/);
      return true;
    },
  );
  assert.throws(() => scheme.score({ employee: "E", period: "P", values: { attendance: NaN } }), (e) => e.errors[0].code === "unparsable_number");
  assert.throws(() => scheme.score({ employee: "E", period: "P", values: { attendance: Infinity } }), (e) => e.errors[0].path === "values.attendance");
  assert.throws(() => wasm.Scheme.fromJson("{nope"), (e) => e.code === "invalid_json");
  assert.throws(() => wasm.builtinScheme("nope"), (e) => e instanceof wasm.AppraisalError);
  const bad = structuredClone(appendix.scheme);
  bad.categories[0].weight = "30";
  assert.deepEqual(wasm.validateScheme(bad).map((e) => e.code), ["weights_sum"]);
  assert.deepEqual(wasm.Scheme.validate(appendix.scheme), []);
  assert.throws(() => scheme.scoreMany({}), (e) => e.code === "invalid_type");
});

test("scoreMany keeps every good record", () => {
  const scheme = wasm.Scheme.fromJson(appendix.scheme);
  const out = scheme.scoreMany([RECORD, { employee: "X", period: "P", values: { nope: 1 } }, 42, RECORD]);
  assert.equal(out.length, 4);
  assert.equal(out[0].total, "86.30");
  assert.deepEqual(out[1].errors.map((e) => e.code), ["unknown_indicator"]);
  assert.equal(out[2].errors[0].code, "invalid_type");
  assert.equal(out[3].total, "86.30");
});

test("hostile input never kills the module", () => {
  const scheme = wasm.Scheme.fromJson(appendix.scheme);
  const cyclic = { employee: "E", period: "P" };
  cyclic.self = cyclic;
  for (const input of [undefined, null, 1, "", "[", [], { employee: 1 }, cyclic, { employee: "E", period: "P", values: { attendance: 10n } }]) {
    try {
      scheme.score(input);
    } catch (e) {
      assert.ok(e instanceof wasm.AppraisalError, `${typeof input}: ${e}`);
    }
  }
  assert.equal(scheme.score(RECORD).total, "86.30");
});

test("a panic becomes a thrown error and the module keeps working", () => {
  const original = console.error;
  console.error = () => {};
  try {
    assert.throws(() => wasm._panicForTests());
  } finally {
    console.error = original;
  }
  assert.equal(wasm.builtinScheme("csr").score(RECORD).employee, "E1001");
});
