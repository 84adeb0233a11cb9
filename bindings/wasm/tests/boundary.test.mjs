// No panic crosses into JS: every exported function and method, fed hostile arguments, either
// works or throws an ordinary error (AppraisalError, TypeError, Error from a bad argument) —
// never a WebAssembly trap (RuntimeError: unreachable), which would poison the instance — and
// the module keeps scoring correctly afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const wasm = require(process.env.APPRAISAL_WASM_NODE ?? "../../../out/wasm/node/appraisal_wasm.js");
const appendix = JSON.parse(readFileSync(new URL("../../../tests/vectors/appendix.json", import.meta.url), "utf8"));

let deep = [];
for (let i = 0; i < 100000; i++) deep = [deep];
const HOSTILE = [
  undefined, null, -1, 2 ** 80, NaN, Infinity, "", "\ud800", "9".repeat(5000), "1e999999", [], {}, deep,
  { employee: null, values: { x: NaN } },
  { employee: "E", period: "P", values: { attendance: "1e12" }, ratings: { communication: [{}] } },
  Symbol("s"), 10n ** 40n, () => 1, new Proxy({}, { get() { throw new Error("trap"); } }),
  // issue 11: long fractions, tiny and huge magnitudes, integers past 2^32, duplicate keys
  { employee: "E", period: "P", values: { attendance: "99.1234567890123456789012345", aht: "0.0000000000000000000000000001" } },
  "0.0000000000000000000000000001", "999999999999.9999999999999999", 2 ** 32, 11, 1.5,
  '{"employee": "E", "period": "P", "values": {"attendance": 1, "attendance": 2}}',
];

function callables() {
  const scheme = wasm.builtinScheme("csr");
  const out = [];
  for (const [name, f] of Object.entries(wasm)) {
    if (typeof f !== "function" || name.startsWith("_") || name === "start") continue;
    out.push([name, f, undefined]);
    for (const k of Object.getOwnPropertyNames(f)) {
      if (typeof f[k] === "function" && !["length", "name", "prototype", "__wrap"].includes(k)) out.push([`${name}.${k}`, f[k], f]);
    }
  }
  const instances = [scheme];
  if (wasm.builtinRules) instances.push(wasm.builtinRules());
  for (const o of instances) {
    for (const k of Object.getOwnPropertyNames(Object.getPrototypeOf(o))) {
      if (k === "constructor" || k === "free" || k.startsWith("__")) continue;
      const d = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(o), k);
      if (typeof d.value === "function") out.push([`${o.constructor.name}#${k}`, d.value, o]);
    }
  }
  return out;
}

test("hostile arguments to every export never trap", () => {
  const original = console.error;
  console.error = () => {};
  let calls = 0;
  try {
    for (const [name, f, self] of callables()) {
      const n = Math.max(f.length, 1);
      for (let i = 0; i < HOSTILE.length; i++) {
        const args = Array.from({ length: n }, (_, j) => HOSTILE[(i + j * 7) % HOSTILE.length]);
        calls++;
        try {
          f.apply(self, args);
        } catch (e) {
          assert.ok(!(e instanceof WebAssembly.RuntimeError), `${name}(${i}) trapped: ${e}`);
        }
      }
    }
  } finally {
    console.error = original;
  }
  assert.ok(calls > 300, `${calls} calls`);
  const card = wasm.Scheme.fromJson(JSON.stringify(appendix.scheme)).score(appendix.records[0]);
  assert.equal(card.total, "86.30");
  assert.equal(card.grade, "A");
});
