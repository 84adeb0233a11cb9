// Type-checked against the installed tarball's CommonJS types (tsc, module nodenext).
import { builtinScheme, AppraisalError, type Scorecard } from "appraisal";

const card: Scorecard = builtinScheme("csr").score({ employee: "E1", period: "P", values: { attendance: "99" } });
const total: string | null = card.total;
const code = (e: AppraisalError): string => e.errors[0]?.path ?? e.code;
export { total, code };
