// Type-checked against the installed tarball's ESM types (tsc, module nodenext).
import { builtinScheme, type WhatIf } from "appraisal";

const answers: WhatIf = builtinScheme("csr").whatif({ employee: "E1", period: "P", values: { attendance: "96" } });
const grade: string | null = answers.grade;
export { grade };
