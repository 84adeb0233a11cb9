// Node benchmark of the WebAssembly table path: scoreColumns on the bench20 wide CSV read into
// Float64Array columns (numbers) and string arrays (ids), median of several runs; and
// scoreMany (the general path) on the first records as JSON objects for comparison.
//   node benches/node/columns.mjs out/bench20-1m.csv [RUNS] [MANY_N]
// Prints one JSON line (milliseconds).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const wasm = require(process.env.APPRAISAL_WASM_NODE ?? "../../out/wasm/node/appraisal_wasm.js");
const path = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
const manyN = Number(process.argv[4] ?? 100000);
const scheme = wasm.Scheme.fromJson(readFileSync(new URL("../data/bench20.json", import.meta.url), "utf8"));

const lines = readFileSync(path, "utf8").trimEnd().split("\n");
const header = lines[0].split(",");
const n = lines.length - 1;
const cols = header.map((h) => (h === "employee" || h === "period" ? new Array(n) : new Float64Array(n)));
for (let r = 0; r < n; r++) {
  const cells = lines[r + 1].split(",");
  for (let k = 0; k < cells.length; k++) cols[k][r] = k < 2 ? cells[k] : Number(cells[k]);
}
const columns = Object.fromEntries(header.map((h, k) => [h, cols[k]]));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f) => {
  const t0 = process.hrtime.bigint();
  const out = f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, out];
};
const times = [];
let out;
for (let i = 0; i < runs; i++) {
  const [ms, o] = time(() => scheme.scoreColumns(columns));
  times.push(ms);
  out = o;
}
if (out.rows !== n || out.grades.errors !== 0) throw new Error("bad table");
// The typed results (numbers as integer mantissas, text coded): the same totals, every row.
const typedTimes = [];
let typed;
for (let i = 0; i < runs; i++) {
  const [ms, o] = time(() => scheme.scoreColumnsTyped(columns));
  typedTimes.push(ms);
  typed = o;
}
const tot = typed.columns.total;
let typedDiffs = 0;
for (let r = 0; r < n; r++) {
  const want = out.columns.total[r];
  const got = tot.valid[r] ? (tot.mantissa[r] / 10 ** tot.scale).toFixed(tot.scale) : null;
  if (got !== want) typedDiffs++;
}
const records = [];
for (let r = 0; r < Math.min(manyN, n); r++) {
  const values = {};
  const events = {};
  header.forEach((h, k) => {
    if (h.startsWith("events.")) events[h.slice(7)] = cols[k][r];
    else if (k >= 2) values[h] = cols[k][r];
  });
  records.push({ employee: cols[0][r], period: cols[1][r], values, events });
}
const many = [];
for (let i = 0; i < Math.max(1, Math.floor(runs / 2)); i++) many.push(time(() => scheme.scoreMany(records))[0]);
console.log(JSON.stringify({
  rows: n, scoreColumns_ms: median(times), scoreColumnsTyped_ms: median(typedTimes), typed_total_diffs: typedDiffs, scoreMany_records: records.length, scoreMany_ms: median(many),
  totals: out.columns.total,
}));
