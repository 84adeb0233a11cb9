// Type-checked with `tsc --noEmit` against the generated declarations.
import { AppraisalError, BatchEntry, Scheme, Scorecard, builtinScheme, validateScheme, ErrorItem, ResultColumns, TypedResultColumns, TypedDecimalColumn, TypedCodedColumn } from "../../../out/wasm/node/appraisal_wasm";

const s: Scheme = builtinScheme("csr");
const card: Scorecard = s.score({ employee: "E", period: "P", values: { attendance: 99, task_completion: "95" } });
const total: string | null = card.total;
const grade: string | null = card.grade;
const entries: BatchEntry[] = s.scoreMany([{ employee: "E", period: "P" }]);
const problems: ErrorItem[] = validateScheme("{}");
try {
  Scheme.fromJson("{}");
} catch (e) {
  if (e instanceof AppraisalError) {
    const code: string = e.code;
    const first: ErrorItem | undefined = e.errors[0];
    console.log(code, first?.path);
  }
}
console.log(total, grade, entries.length, problems.length, s.digest);
import { distribute, splitPool, builtinRules, Distribution, WhatIf, Application } from "../../../out/wasm/node/appraisal_wasm";
const parts: string[] = splitPool("100", [1, 2]);
const dist: Distribution = distribute({ grades: ["A"] }, [card]);
const w: WhatIf = s.whatif({ employee: "E", period: "P" });
const app: Application = builtinRules().apply(card, [], { compa_ratio: "1" });
console.log(parts.length, dist.population, w.target, app.fired);

// Issue 14: the columnar table path is typed.
{
  const csr: Scheme = s;
  const cols = csr.scoreColumns({ employee: ["E1"], period: ["P"], attendance: Float64Array.from([98.5]) });
  const total: Array<string | null> = cols.columns["total"];
  const rows: number = cols.rows;
  const counts: Array<[string, number]> = cols.grades.grades;
  const header: string[] = csr.wideHeader();
  const fromCsv: ResultColumns = csr.scoreCsv("employee,period\nE1,P\n");
  void [total, rows, counts, header, fromCsv];
  const typed: TypedResultColumns = csr.scoreColumnsTyped({ employee: ["E1"], period: ["P"], attendance: [98.5] });
  const t = typed.columns["total"] as TypedDecimalColumn;
  const scale: number = t.scale;
  const m: Float64Array | undefined = t.mantissa;
  const g = typed.columns["grade"] as TypedCodedColumn;
  const codes: Int32Array = g.codes;
  void [scale, m, codes];
}
