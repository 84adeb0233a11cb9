// Headless Chromium (Debian's, driven by playwright-core): the calculator page, served by a
// plain static server, computes the same total and grade as the Rust CLI for the same record,
// switches language, shows an input error next to its field, and leaves screenshots.
import { createRequire } from "node:module";
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

const ROOT = new URL("../../../", import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { chromium } = require(join(ROOT, ".tools/node_modules/playwright-core"));
const OUT = join(ROOT, "out/browser");
mkdirSync(OUT, { recursive: true });

// The record: CS9001 of tests/vectors/builtin_csr.json (hand-worked there: 90.56, A).
const RECORD = {
  employee: "CS9001", period: "2026-Q3", role: "csr",
  values: { attendance: "99.2", task_completion: "95", timeliness: "84", work_quality: "88", qa_score: "88.5", aht: "300",
            csat: "91.2", complaints: "1", fcr: "80.1", escalation_time: "6.5", feedback_closure: "96" },
  samples: { qa_score: "8", csat: "46" },
  ratings: {
    communication: [{ group: "supervisor", rater: "M01", value: "4" }, { group: "peer", rater: "P1", value: "5" }, { group: "peer", rater: "P2", value: "4" }],
    service_attitude: [{ group: "supervisor", rater: "M01", value: "5" }, { group: "peer", rater: "P3", value: "3" }],
  },
  events: { commendation: "2" },
};

// What the Rust CLI says for the same record.
const tmp = mkdtempSync(join(tmpdir(), "appraisal-"));
writeFileSync(join(tmp, "record.json"), JSON.stringify([RECORD]));
const cli = JSON.parse(execFileSync("cargo", ["run", "-q", "--release", "-p", "appraisal-cli", "--", "score", "--builtin", "csr", join(tmp, "record.json"), "--format", "json"], { cwd: ROOT, encoding: "utf8" }))[0];
assert.equal(cli.total, "90.56"); // hand-worked in tests/vectors/builtin_csr.json
assert.equal(cli.grade, "A");

const port = 8000 + Math.floor(Math.random() * 1000);
const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", join(ROOT, "examples/web")], { stdio: "ignore" });
let browser;
try {
  for (let i = 0; i < 50; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/index.html`);
      if (r.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1700 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(() => window.appraisalReady === true, null, { timeout: 15000 });
  await page.selectOption("#scheme-select", "csr");

  await page.fill("#employee", RECORD.employee);
  for (const [id, v] of Object.entries(RECORD.values)) await page.fill(`#v-${id}`, v);
  for (const [id, v] of Object.entries(RECORD.samples)) await page.fill(`#s-${id}`, v);
  for (const [id, v] of Object.entries(RECORD.events)) await page.fill(`#e-${id}`, v);
  for (const [id, list] of Object.entries(RECORD.ratings)) {
    for (let i = 1; i < list.length; i++) await page.click(`#ind-${id} button.add`);
    const rows = page.locator(`#r-${id} .row`);
    for (let i = 0; i < list.length; i++) {
      const row = rows.nth(i);
      await row.locator(".r-group").selectOption(list[i].group);
      await row.locator(".r-rater").fill(list[i].rater);
      await row.locator(".r-value").selectOption(list[i].value);
    }
  }
  assert.equal(await page.textContent("#total"), cli.total);
  assert.equal(await page.textContent("#grade"), cli.grade);
  assert.match(await page.textContent("#score-qa_score"), /81\.43/);
  assert.match(await page.textContent("#score-service_attitude"), /peer dropped/);
  // What-if in the browser build: at csat 80 and fcr 70 the agent is a B (82.88); the page's
  // answers for the next grade equal the CLI's `appraisal whatif` for the same record.
  const below = { ...RECORD, values: { ...RECORD.values, csat: "80", fcr: "70" } };
  writeFileSync(join(tmp, "below.json"), JSON.stringify([below]));
  const wi = JSON.parse(execFileSync("cargo", ["run", "-q", "--release", "-p", "appraisal-cli", "--", "whatif", "--builtin", "csr", join(tmp, "below.json"), "--format", "json"], { cwd: ROOT, encoding: "utf8" }));
  assert.equal(wi.grade, "B");
  assert.equal(wi.target, "A");
  await page.fill("#v-csat", "80");
  await page.fill("#v-fcr", "70");
  assert.equal(await page.textContent("#total"), wi.total);
  assert.equal(await page.locator("#whatif li").count(), wi.answers.length);
  const reachable = wi.answers.filter((a) => a.outcome === "reachable");
  assert.ok(reachable.length > 0);
  for (const a of wi.answers) {
    const li = page.locator(`#whatif li[data-indicator="${a.indicator}"]`);
    assert.equal(await li.getAttribute("class"), a.outcome);
    if (a.outcome === "reachable") {
      assert.equal(await li.locator(".wi-value").textContent(), a.value);
      assert.equal(await li.locator(".wi-total").textContent(), a.total);
    }
  }
  await page.screenshot({ path: join(OUT, "calculator-whatif-en.png"), fullPage: true });
  await page.fill("#v-csat", RECORD.values.csat);
  await page.fill("#v-fcr", RECORD.values.fcr);
  assert.equal(await page.textContent("#total"), cli.total);
  await page.screenshot({ path: join(OUT, "calculator-en.png"), fullPage: true });

  // Chinese
  await page.click("#lang-zh");
  assert.equal(await page.textContent("h1"), "绩效考核评分计算器");
  assert.match(await page.textContent("#ind-attendance .name"), /出勤率/);
  assert.equal(await page.textContent("#total"), cli.total);
  await page.screenshot({ path: join(OUT, "calculator-zh.png"), fullPage: true });

  // An input error, shown next to its field
  await page.fill("#v-attendance", "98,5");
  assert.equal(await page.isVisible("#err-attendance"), true);
  assert.match(await page.textContent("#err-attendance"), /不是有效的数字/);
  assert.equal(await page.textContent("#total"), "—");
  await page.click("#lang-en");
  assert.match(await page.textContent("#err-attendance"), /not a number in JSON-number grammar/);
  await page.screenshot({ path: join(OUT, "calculator-error.png"), fullPage: true });
  await page.fill("#v-attendance", "99.2");
  assert.equal(await page.textContent("#total"), cli.total);

  // Format 2 (SPEC §8). The manager review: the rating beside the total, as the CLI gives it.
  const mrRecord = { employee: "CS1001", period: "2026", values: { goals: "104", collaboration: "4", development: "3" } };
  writeFileSync(join(tmp, "mr.json"), JSON.stringify([mrRecord]));
  const mr = JSON.parse(execFileSync("cargo", ["run", "-q", "--release", "-p", "appraisal-cli", "--", "score", "--builtin", "manager_review",
    join(tmp, "mr.json"), "--format", "json"], { cwd: ROOT, encoding: "utf8" }))[0];
  assert.equal(mr.total, "88.00"); // hand-worked: (60 x 100 + 40 x 70) / 100
  assert.equal(mr.rating, "4.4"); // 3 + (88 - 60) x 2 / 40
  await page.selectOption("#scheme-select", "manager_review");
  assert.equal(await page.isVisible("#rating-box"), true);
  await page.fill("#v-goals", "104");
  await page.selectOption("#v-collaboration", "4");
  await page.selectOption("#v-development", "3");
  assert.equal(await page.textContent("#total"), mr.total);
  assert.equal(await page.textContent("#rating"), mr.rating);
  await page.screenshot({ path: join(OUT, "calculator-rating.png"), fullPage: true });
  // The QA form: the channel attribute; the phone-only question greys out on chat.
  await page.selectOption("#scheme-select", "qa_form");
  assert.equal(await page.isVisible("#rating-box"), false);
  assert.equal(await page.isVisible("#attributes-box"), true);
  await page.selectOption("#a-channel", "chat");
  assert.match(await page.getAttribute("#ind-hold_etiquette", "class"), /\bout\b/);
  assert.match(await page.textContent("#score-hold_etiquette"), /not asked for this record/);
  await page.selectOption("#a-channel", "phone");
  assert.doesNotMatch(await page.getAttribute("#ind-hold_etiquette", "class"), /\bout\b/);
  assert.match(await page.getAttribute("#ind-writing", "class"), /\bout\b/);
  await page.screenshot({ path: join(OUT, "calculator-scope.png"), fullPage: true });
  // The discipline pool: 3 late arrivals (15) and 1 violation (10) leave 75 of 100.
  await page.selectOption("#scheme-select", "discipline_pool");
  await page.fill("#v-first_contact_resolution", "82");
  await page.fill("#v-csat", "88");
  await page.fill("#v-late", "3");
  await page.fill("#v-absence", "0");
  await page.fill("#v-script_violation", "1");
  assert.equal(await page.textContent("#total"), "78.50"); // (70 x 80 + 30 x 75) / 100
  assert.match(await page.textContent("#bars .bar.pool"), /left 75\.00 \/ 100/);
  await page.click("#lang-zh");
  assert.match(await page.textContent("#bars .bar.pool"), /扣分池/);
  await page.screenshot({ path: join(OUT, "calculator-pool-zh.png"), fullPage: true });
  await page.click("#lang-en");
  await page.selectOption("#scheme-select", "csr");

  // Upload a team CSV: 10,000 agents scored in the browser on the table path; the grade
  // distribution and the first rows are the CLI's for the same file.
  let seed = 7;
  const rnd = (lo, hi, dp = 1) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (lo + ((hi - lo) * seed) / 2147483648).toFixed(dp);
  };
  const cols = ["employee", "period", "attendance", "task_completion", "timeliness", "work_quality", "qa_score", "aht", "csat",
    "complaints", "fcr", "escalation_time", "feedback_closure", "samples.qa_score", "samples.csat",
    "ratings.communication", "ratings.service_attitude", "events.commendation"];
  const lines = [cols.join(",")];
  for (let i = 0; i < 10000; i++) {
    lines.push([`A${String(i).padStart(5, "0")}`, "2026-Q3", i % 997 === 5 ? "abc" : rnd(90, 100), rnd(80, 100, 0), rnd(70, 100, 0),
      rnd(70, 100, 0), rnd(60, 100), rnd(200, 500, 0), rnd(70, 100), rnd(0, 5, 0), rnd(60, 95), rnd(2, 12), rnd(80, 100, 0),
      rnd(5, 20, 0), rnd(20, 80, 0), `supervisor:M01=${rnd(1, 5, 0)}; peer:P1=${rnd(1, 5, 0)}`, `supervisor:M01=${rnd(1, 5, 0)}`,
      rnd(0, 2, 0)].join(","));
  }
  const teamCsv = join(tmp, "team.csv");
  writeFileSync(teamCsv, lines.join("\n") + "\n");
  // Exit status 1: the file has bad rows (reported on stderr); the table is on stdout.
  const run = spawnSync("cargo", ["run", "-q", "--release", "-p", "appraisal-cli", "--", "score", "--builtin", "csr", teamCsv,
    "--format", "csv"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  assert.equal(run.status, 1, run.stderr.slice(0, 500));
  const cliCsv = run.stdout.trim().split("\n");
  const head = cliCsv[0].split(",").map((h) => h.replaceAll('"', ""));
  const cliRows = cliCsv.slice(1).map((l) => l.split(","));
  const gradeAt = head.indexOf("grade");
  const want = {};
  for (const r of cliRows) {
    const g = r[gradeAt].replaceAll('"', "") || (r[head.indexOf("status")] === '"error"' ? "errors" : "no grade");
    want[g] = (want[g] ?? 0) + 1;
  }
  assert.equal(cliRows.length, 10000);
  assert.ok(want.errors >= 10, JSON.stringify(want));
  await page.setInputFiles("#team-file", teamCsv);
  await page.waitForFunction(() => /10,000 rows scored/.test(document.querySelector("#team-status").textContent), null, { timeout: 30000 });
  const shown = await page.$$eval(".dist-row", (rows) => Object.fromEntries(rows.map((r) => [r.dataset.grade, Number(r.querySelector(".dist-count").textContent)])));
  for (const [g, n] of Object.entries(shown)) assert.equal(n, want[g] ?? 0, `grade ${g}`);
  const firstTotal = await page.textContent("#team-table tr:nth-of-type(2) td:nth-of-type(2)");
  assert.equal(firstTotal, cliRows[0][head.indexOf("total")]);
  console.log(`browser: ${await page.textContent("#team-status")}`);
  await page.screenshot({ path: join(OUT, "calculator-team.png"), fullPage: true });
  await page.click("#lang-zh");
  assert.equal(await page.textContent("#team h2"), "团队批量评分");
  assert.match(await page.textContent("#team-status"), /已在本浏览器中完成 10,000 行评分/);
  await page.click("#lang-en");

  // Timing (reported, not asserted): one scorecard recomputed from the form.
  const timing = await page.evaluate(() => window.appraisalBench(500));
  writeFileSync(join(OUT, "timing.json"), JSON.stringify(timing, null, 1));
  console.log(`browser: one scorecard in ${timing.median.toFixed(3)} ms median (p90 ${timing.p90.toFixed(3)} ms, n=${timing.n})`);
  assert.deepEqual(problems, []);
  console.log("browser test passed; screenshots in out/browser/");
} finally {
  if (browser) await browser.close();
  server.kill();
}
