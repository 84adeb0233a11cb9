// The same through `import` (Node's ESM entry of the tarball).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { builtinScheme, AppraisalError, version } from "appraisal";

const vector = JSON.parse(readFileSync(process.argv[2], "utf8"));
const where = fileURLToPath(import.meta.resolve("appraisal"));
assert.match(where, /node_modules[\\/]appraisal[\\/]node[\\/]appraisal_wasm\.mjs$/);
const csr = builtinScheme("csr");
vector.records.forEach((rec, i) => {
  const card = csr.score(rec);
  assert.equal(card.total, vector.expected[i].total);
  assert.equal(card.grade, vector.expected[i].grade);
});
assert.equal(typeof version(), "string");
assert.equal(typeof AppraisalError, "function");
console.log(`import: ${vector.records.length} hand-worked scorecards from ${where.slice(where.indexOf("node_modules"))}`);
