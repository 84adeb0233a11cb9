// The npm tarball installed in a scratch project, used through `require`: the CommonJS Node
// build scores the hand-worked CSR vector exactly (tests/vectors/builtin_csr.json).
const assert = require("node:assert/strict");
const path = require("node:path");
const appraisal = require("appraisal");
const vector = require(process.argv[2]);

const where = require.resolve("appraisal");
assert.ok(where.includes(`${path.sep}node_modules${path.sep}appraisal${path.sep}node${path.sep}`), where);
const csr = appraisal.builtinScheme("csr");
vector.records.forEach((rec, i) => {
  const card = csr.score(rec);
  assert.equal(card.total, vector.expected[i].total);
  assert.equal(card.grade, vector.expected[i].grade);
});
// The Node build carries the results functions (what-if among them) and typed errors.
assert.equal(typeof csr.whatif, "function");
assert.throws(() => csr.score({ employee: "E1", period: "P", values: { attendance: "abc" } }), (e) => {
  assert.ok(e instanceof appraisal.AppraisalError);
  assert.equal(e.code, "unparsable_number");
  assert.equal(e.errors[0].path, "values.attendance");
  return true;
});
console.log(`require: ${vector.records.length} hand-worked scorecards from ${path.relative(process.cwd(), where)}`);
