// `appraisal report` (issue 16, point 4) in headless Chromium, zh and en: the page renders
// from the file alone (no request leaves it), prints to A4, and every number it shows equals
// the same number in the CLI's JSON (`--format json`), found by its data-v path. The input is
// the sample centre's CSR agents plus an incomplete result and a fired veto.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { chromium } = require(join(ROOT, ".tools/node_modules/playwright-core"));
const OUT = join(ROOT, "out/report");
mkdirSync(OUT, { recursive: true });
const cli = (args) => execFileSync("cargo", ["run", "-q", "--release", "-p", "appraisal-cli", "--", ...args], { cwd: ROOT, encoding: "utf8" });

const lines = readFileSync(join(ROOT, "examples/data/sample-centre-2026-Q3.jsonl"), "utf8").split("\n").filter((l) => l.includes('"role": "csr"'));
const vetoed = JSON.parse(lines[0]);
vetoed.employee = "CS9901";
vetoed.events = { ...(vetoed.events ?? {}), serious_complaint: 1 };
const thin = { employee: "CS9902", period: "2026-Q3", role: "csr", values: { attendance: "98" } };
const input = join(OUT, "input.jsonl");
writeFileSync(input, [...lines, JSON.stringify(vetoed), JSON.stringify(thin)].join("\n") + "\n");
const common = ["report", "--builtin", "csr", input, "--roster", join(ROOT, "examples/data/roster.csv")];
const data = JSON.parse(cli([...common, "--format", "json"]));
assert.equal(data.incomplete, 1);
assert.ok(data.vetoes.find((v) => v.veto === "serious_complaint").employees.includes("CS9901"));
assert.equal(data.incomplete_results[0].employee, "CS9902");
const at = (path) => path.split(".").reduce((v, k) => v?.[k], data);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const lang of ["zh", "en"]) {
    const htmlPath = join(OUT, `report-${lang}.html`);
    cli([...common, "--lang", lang, "-o", htmlPath]);
    const page = await browser.newPage({ viewport: { width: 900, height: 1300 } });
    const requests = [];
    page.on("request", (r) => { if (!r.url().startsWith("file://")) requests.push(r.url()); });
    await page.goto(`file://${htmlPath}`);
    assert.deepEqual(requests, [], "self-contained: no request leaves the page");
    const shown = await page.$$eval("[data-v]", (els) => els.map((e) => [e.dataset.v, e.textContent]));
    assert.ok(shown.length > 100, `${lang}: ${shown.length} numbers shown`);
    for (const [path, text] of shown) {
      const want = at(path);
      assert.equal(text, want == null ? "—" : String(want), `${lang}: ${path}`);
    }
    assert.equal(await page.locator("svg.bars rect").count(), data.grades.length);
    const heading = lang === "zh" ? "等级分布与强制分布比例" : "Grade distribution and quotas";
    assert.ok((await page.textContent("body")).includes(heading));
    await page.screenshot({ path: join(OUT, `report-${lang}.png`), fullPage: true });
    await page.pdf({ path: join(OUT, `report-${lang}.pdf`), format: "A4", printBackground: true });
    const size = statSync(join(OUT, `report-${lang}.pdf`)).size;
    assert.ok(size > 10000, `${lang}: PDF ${size} bytes`);
    console.log(`report-${lang}: ${shown.length} numbers equal to the CLI's JSON, A4 PDF ${size} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}
