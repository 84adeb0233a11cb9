// The browser ESM entry, resolved through the "browser" condition (`node --conditions=browser`)
// as a bundler would: the lean build, initialised from its own .wasm bytes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import init, { builtinScheme, Scheme } from "appraisal";

const vector = JSON.parse(readFileSync(process.argv[2], "utf8"));
const where = fileURLToPath(import.meta.resolve("appraisal"));
assert.match(where, /node_modules[\\/]appraisal[\\/]web[\\/]appraisal_wasm\.js$/);
const wasm = fileURLToPath(import.meta.resolve("appraisal/web/appraisal_wasm_bg.wasm"));
await init({ module_or_path: readFileSync(wasm) });
const csr = builtinScheme("csr");
vector.records.forEach((rec, i) => {
  const card = csr.score(rec);
  assert.equal(card.total, vector.expected[i].total);
  assert.equal(card.grade, vector.expected[i].grade);
});
// The browser build answers what-if: the hand-worked vector (80.0, a B, needs 85 for an A).
const wv = JSON.parse(readFileSync(process.argv[3], "utf8"));
const w = Scheme.fromJson(JSON.stringify(wv.scheme)).whatif(wv.record);
assert.deepEqual(JSON.parse(JSON.stringify(w)), wv.expected);
console.log(`browser condition: ${vector.records.length} hand-worked scorecards from ${where.slice(where.indexOf("node_modules"))}`);
