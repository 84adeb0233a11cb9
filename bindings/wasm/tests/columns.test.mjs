// Issue 14.4: the fast exact table path from JavaScript, column by column and from a CSV text.
// Its numbers must be scoreMany's on every record; values worked out by hand from SPEC.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const wasm = require(process.env.APPRAISAL_WASM_NODE ?? "../../../out/wasm/node/appraisal_wasm.js");
const appendix = JSON.parse(readFileSync(new URL("../../../tests/vectors/appendix.json", import.meta.url), "utf8"));

/** Records → named columns of the wide layout (numbers as typed arrays when every one is a number). */
function toColumns(scheme, records) {
  const cols = {};
  for (const h of scheme.wideHeader()) cols[h] = [];
  records.forEach((r) => {
    const row = { employee: r.employee, period: r.period, role: r.role ?? null };
    for (const [k, v] of Object.entries(r.values ?? {})) row[k] = v;
    for (const [k, v] of Object.entries(r.samples ?? {})) row[`samples.${k}`] = v;
    for (const [k, v] of Object.entries(r.events ?? {})) row[`events.${k}`] = v;
    for (const [k, l] of Object.entries(r.ratings ?? {})) {
      row[`ratings.${k}`] = l.map((x) => `${x.group}:${x.rater}=${x.value ?? ""}`).join("; ");
    }
    for (const h of Object.keys(cols)) cols[h].push(row[h] ?? null);
  });
  for (const [h, v] of Object.entries(cols)) {
    if (v.every((x) => typeof x === "number")) cols[h] = Float64Array.from(v);
  }
  return cols;
}

/** The Appendix example's three employees as columns (E1003 with a bad attendance). */
const appendixColumns = () => ({
  employee: ["E1001", "E1002", "E1003"],
  period: ["2026-Q3", "2026-Q3", "2026-Q3"],
  attendance: [98.5, 99, "abc"],
  task_completion: Float64Array.from([93, NaN, 90]),
  "ratings.communication": ["supervisor:M01=4; peer:P07=5; peer:P09=4", "supervisor:M01=5", null],
  "events.commendation": [1, null, 2],
});

test("the Appendix example by columns: 72.50 / 87.25 / 86.30 / A", () => {
  const scheme = wasm.Scheme.fromJson(appendix.scheme);
  const r = scheme.scoreColumns(appendixColumns());
  assert.equal(r.rows, 3);
  assert.deepEqual(r.columns.basic_work.slice(0, 2), ["72.50", "100.00"]);
  assert.equal(r.columns.service_quality[0], "87.25");
  // E1002: attendance alone in basic work, supervisor 5 -> 100: 100.00, coverage 90.00, S.
  assert.deepEqual(r.columns.total, ["86.30", "100.00", null]);
  assert.deepEqual(r.columns.grade, ["A", "S", null]);
  assert.equal(r.columns.coverage[1], "90.00");
  // E1003 keeps its place with its error.
  assert.equal(r.columns.status[2], "error");
  assert.equal(r.columns.errors[2], "unparsable_number at values.attendance");
  assert.deepEqual(r.grades.errors, 1);
  assert.deepEqual(Object.fromEntries(r.grades.grades).A, 1);
  assert.deepEqual(Object.fromEntries(r.grades.grades).S, 1);
});

test("the sample centre by columns and as CSV text equals scoreMany record by record", () => {
  const scheme = wasm.builtinScheme("csr");
  const records = readFileSync(new URL("../../../examples/data/sample-centre-2026-Q3.jsonl", import.meta.url), "utf8")
    .split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l)).filter((r) => r.role === "csr");
  const cards = scheme.scoreMany(records);
  const r = scheme.scoreColumns(toColumns(scheme, records));
  assert.equal(r.rows, records.length);
  assert.ok(records.length > 10);
  let counted = {};
  cards.forEach((c, i) => {
    for (const k of ["total", "base", "coverage", "grade", "status", "natural_grade"]) {
      assert.equal(r.columns[k][i], c[k], `${c.employee} ${k}`);
    }
    assert.equal(r.columns.vetoes[i], c.vetoes.join(";"));
    if (c.grade) counted[c.grade] = (counted[c.grade] ?? 0) + 1;
  });
  for (const [g, n] of r.grades.grades) assert.equal(n, counted[g] ?? 0, g);
  // The same table as CSV text (what the calculator's upload reads).
  const header = Object.keys(toColumns(scheme, records));
  const cols = toColumns(scheme, records);
  const q = (v) => (v === null ? "" : `"${String(v).replaceAll('"', '""')}"`);
  const csv = [header.join(","), ...records.map((_, i) => header.map((h) => q(cols[h][i])).join(","))].join("\n");
  assert.deepEqual(scheme.scoreCsv(csv), r);
});

test("columns of different lengths, a column named twice, not an object", () => {
  const scheme = wasm.builtinScheme("csr");
  assert.throws(() => scheme.scoreColumns({ employee: ["E1", "E2"], period: ["P"] }),
    (e) => e.code === "invalid_value" && e.errors[0].path === "columns[1]");
  assert.throws(() => scheme.scoreCsv("employee,period,period\nE,P,P\n"), (e) => e.code === "duplicate_id");
  assert.throws(() => scheme.scoreColumns([1, 2]), (e) => e.code === "invalid_type");
  assert.throws(() => scheme.scoreColumns({ employee: 5 }), (e) => e.code === "invalid_type");
});

test("typed arrays of any numeric kind read as their numbers; BigInt arrays are refused", () => {
  const s = wasm.builtinScheme("csr");
  const typed = s.scoreColumns({ employee: ["E1"], period: ["P"], attendance: Int32Array.of(98), task_completion: Uint8Array.of(95) });
  const text = s.scoreColumns({ employee: ["E1"], period: ["P"], attendance: ["98"], task_completion: ["95"] });
  assert.deepEqual(typed, text);
  assert.notEqual(text.columns.basic_work[0], null);
  assert.throws(() => s.scoreColumns({ employee: ["E1"], period: ["P"], attendance: BigInt64Array.of(98n) }),
    (e) => e.code === "invalid_type" && e.errors[0].path === "attendance");
});

/** An exact decimal text from an integer mantissa at a scale, by string operations only. */
function scaled(m, scale) {
  const neg = m < 0;
  let d = String(Math.abs(m)).padStart(scale + 1, "0");
  if (scale > 0) d = `${d.slice(0, d.length - scale)}.${d.slice(d.length - scale)}`;
  return neg ? `-${d}` : d;
}

test("typed results: the Appendix example as mantissas and codes", () => {
  const scheme = wasm.Scheme.fromJson(appendix.scheme);
  const r = scheme.scoreColumnsTyped(appendixColumns());
  assert.equal(r.rows, 3);
  // The identity columns are the caller's own: left out.
  assert.equal(r.columns.employee, undefined);
  // 86.30 and 100.00 at 2 decimals; the error row is null.
  assert.equal(r.columns.total.scale, 2);
  assert.deepEqual([...r.columns.total.mantissa.slice(0, 2)], [8630, 10000]);
  assert.deepEqual([...r.columns.total.valid], [1, 1, 0]);
  const grade = r.columns.grade;
  assert.deepEqual([...grade.codes].map((c) => (c < 0 ? null : grade.labels[c])), ["A", "S", null]);
  const status = r.columns.status;
  assert.equal(status.labels[status.codes[2]], "error");
  const errors = r.columns.errors;
  assert.equal(errors.labels[errors.codes[2]], "unparsable_number at values.attendance");
  assert.equal(errors.codes[0], -1);
});

test("typed results hold every cell of scoreColumns on the sample centre", () => {
  const scheme = wasm.builtinScheme("csr");
  const records = readFileSync(new URL("../../../examples/data/sample-centre-2026-Q3.jsonl", import.meta.url), "utf8")
    .split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l)).filter((r) => r.role === "csr");
  const cols = toColumns(scheme, records);
  const plain = scheme.scoreColumns(cols);
  const typed = scheme.scoreColumnsTyped(cols);
  assert.deepEqual(typed.header, plain.header);
  assert.deepEqual(typed.grades, plain.grades);
  for (const name of plain.header.slice(2)) {
    const c = typed.columns[name];
    for (let r = 0; r < plain.rows; r++) {
      const got = c.codes
        ? (c.codes[r] < 0 ? null : c.labels[c.codes[r]])
        : (c.valid[r] ? scaled(c.mantissa[r], c.scale) : null);
      const want = plain.columns[name][r];
      if (name === "adjustment_total" && got !== null) {
        // scoreColumns writes A without trailing zeros; the typed column is at its fixed scale.
        const norm = got.includes(".") ? got.replace(/0+$/, "").replace(/\.$/, "") : got;
        assert.equal(norm === "-0" ? "0" : norm, want, `${name} row ${r}`);
      } else {
        assert.equal(got, want, `${name} row ${r}`);
      }
    }
  }
});

test("text columns cross as one text: non-ASCII, astral, empty and null cells keep their place", () => {
  const scheme = wasm.Scheme.fromJson(appendix.scheme);
  const employee = ["张三", "E😀1", "Zoë", null, "E\ud8005"];
  const n = employee.length;
  const r = scheme.scoreColumns({
    employee, period: Array(n).fill("2026-Q3"), attendance: Float64Array.from({ length: n }, () => 98.5),
  });
  assert.equal(r.rows, n);
  // Each employee comes back as given (the row's identity), the missing one as an error in place.
  assert.deepEqual(r.columns.employee.slice(0, 3), ["张三", "E😀1", "Zoë"]);
  assert.equal(r.columns.employee[3], null);
  assert.equal(r.columns.errors[3], "missing_field at employee");
  assert.equal(r.columns.errors[0], null);
  // The same record in every good row, so the same total.
  for (const k of [1, 2, 4]) assert.equal(r.columns.total[k], r.columns.total[0]);
  // A lone surrogate is not text UTF-8 can hold: that column is read cell by cell, where it
  // reads as U+FFFD, and the other rows are unaffected.
  assert.equal(r.columns.employee[4], "E\uFFFD5");
  assert.equal(r.columns.errors[4], null);
});
