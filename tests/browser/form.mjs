// The appraisal form (handbook appendix A), rendered by headless Chromium to PDF and PNG:
// the page is not empty, every indicator's name is in the HTML, the filled form carries the
// scores the CLI computed.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { chromium } = require(join(ROOT, ".tools/node_modules/playwright-core"));
const OUT = join(ROOT, "out/forms");
mkdirSync(OUT, { recursive: true });
const cli = (args) => execFileSync("cargo", ["run", "-q", "--release", "-p", "appraisal-cli", "--", ...args], { cwd: ROOT, encoding: "utf8" });

const scheme = JSON.parse(readFileSync(join(ROOT, "crates/appraisal/src/scheme/builtin/csr.json"), "utf8"));
const names = (lang) => scheme.categories.flatMap((c) => c.indicators.map((i) => i.name[lang]));
const forms = [
  { file: "blank-zh", args: ["form", "--builtin", "csr", "--lang", "zh"], lang: "zh" },
  { file: "filled-en", args: ["form", "--builtin", "csr", "--lang", "en", "--record", join(ROOT, "examples/data/sample-centre-2026-Q3.jsonl"), "--employee", "CS1029"], lang: "en" },
];
const card = JSON.parse(cli(["score", "--builtin", "csr", "--format", "json"])).find((c) => c.employee === "CS1029");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const f of forms) {
    const html = cli(f.args);
    for (const n of names(f.lang)) assert.ok(html.includes(n), `${f.file}: indicator ${n} missing`);
    if (f.file === "filled-en") {
      assert.ok(html.includes(`<b>${card.total}</b>`), "the filled form shows the CLI's total");
      assert.ok(html.includes("0 (applied)"), "the vetoed category is shown as applied");
    }
    const htmlPath = join(OUT, `${f.file}.html`);
    writeFileSync(htmlPath, html);
    const page = await browser.newPage({ viewport: { width: 900, height: 1300 } });
    await page.goto(`file://${htmlPath}`);
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(text.length > 1000, `${f.file}: the page rendered (${text.length} characters)`);
    await page.pdf({ path: join(OUT, `${f.file}.pdf`), format: "A4", printBackground: true });
    await page.screenshot({ path: join(OUT, `${f.file}.png`), fullPage: true });
    const pdf = readFileSync(join(OUT, `${f.file}.pdf`), "latin1");
    const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 1 && statSync(join(OUT, `${f.file}.pdf`)).size > 10000, `${f.file}: PDF with ${pages} pages`);
    console.log(`${f.file}: ${pages} A4 page(s), ${statSync(join(OUT, `${f.file}.pdf`)).size} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}
