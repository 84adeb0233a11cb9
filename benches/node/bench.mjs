// Node benchmark of the WebAssembly build: scoreMany on the deterministic records (the same as
// the Rust criterion groups), median of several runs. Results: docs/performance.md.
//   cargo run --release -p appraisal-benches --bin gen_records -- 10000 11 > out/bench-records-10k.jsonl
//   node benches/node/bench.mjs out/bench-records-10k.jsonl [RUNS] [SCHEME.json]
// (the built-in CSR scheme unless a scheme file is given; writes out/bench-node.json)
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const wasm = require("../../out/wasm/node/appraisal_wasm.js");
const path = process.argv[2] ?? "out/bench-records-10k.jsonl";
const runs = Number(process.argv[3] ?? 15);
const records = readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const scheme = process.argv[4] ? wasm.Scheme.fromJson(readFileSync(process.argv[4], "utf8")) : wasm.builtinScheme("csr");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
scheme.scoreMany(records.slice(0, 200)); // warm-up
const times = [];
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  const out = scheme.scoreMany(records);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (out.length !== records.length || out.some((e) => e.errors)) throw new Error("bad batch");
}
const one = [];
for (let i = 0; i < 2000; i++) {
  const t0 = process.hrtime.bigint();
  scheme.score(records[i % records.length]);
  one.push(Number(process.hrtime.bigint() - t0) / 1e3);
}
const result = { records: records.length, runs, scoreMany_ms: { median: median(times), min: Math.min(...times), max: Math.max(...times) }, score_one_us: { median: median(one) } };
console.log(JSON.stringify(result));
writeFileSync("out/bench-node.json", JSON.stringify(result, null, 1));
