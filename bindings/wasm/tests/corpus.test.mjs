// The shared golden corpus (tests/vectors/*.json) on the Node.js build: output byte-identical
// to the expected JSON, exactly as the Rust and Python runners check it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const PKG = process.env.APPRAISAL_WASM_NODE ?? "../../../out/wasm/node/appraisal_wasm.js";
const wasm = require(PKG);
const VECTORS = new URL("../../../tests/vectors/", import.meta.url).pathname;
const files = readdirSync(VECTORS).filter((f) => f.endsWith(".json")).sort();

test("the corpus is there", () => {
  assert.ok(files.length >= 10);
});

for (const f of files) {
  test(`vector ${f}`, () => {
    const doc = JSON.parse(readFileSync(join(VECTORS, f), "utf8"));
    if (doc.kind) return runKind(doc);
    let schemeSrc = doc.scheme;
    if (typeof schemeSrc === "string" && schemeSrc.startsWith("builtin:")) {
      schemeSrc = wasm.builtinScheme(schemeSrc.slice("builtin:".length)).toJson();
    }
    if (doc.scheme_errors) {
      const got = wasm.validateScheme(schemeSrc).map((e) => ({ code: e.code, path: e.path }));
      assert.deepEqual(got, doc.scheme_errors);
      assert.throws(() => wasm.Scheme.fromJson(schemeSrc), (e) => e instanceof wasm.AppraisalError && e.errors.length === doc.scheme_errors.length);
      return;
    }
    const scheme = wasm.Scheme.fromJson(schemeSrc);
    const entries = scheme.scoreMany(doc.records);
    assert.equal(entries.length, doc.expected.length);
    doc.expected.forEach((want, i) => {
      if (want.scheme?.digest === "sha256:*") want.scheme.digest = scheme.digest;
      const got = entries[i];
      if (want.errors) {
        for (const e of got.errors) {
          assert.ok(e.message.length > 0);
          delete e.message;
        }
      } else {
        // one at a time gives the same bytes
        assert.equal(JSON.stringify(scheme.score(doc.records[i])), JSON.stringify(want), `${f} record ${i} (score)`);
      }
      assert.equal(JSON.stringify(got), JSON.stringify(want), `${f} record ${i}`);
    });
  });
}

// SPEC §7 kinds: roll-ups, forced distribution, pool splits (the Node build has them).
function runKind(doc) {
  if (doc.kind === "pool_split") {
    for (const c of doc.cases) assert.deepEqual(wasm.splitPool(c.pool, c.weights, c.money_dp), c.expected);
    return;
  }
  if (doc.kind === "steps") {
    for (const c of doc.cases) assert.equal(wasm.stepText(c.step, c.lang), c.expected);
    return;
  }
  if (doc.kind === "bonus") {
    for (const c of doc.cases) {
      assert.equal(wasm.bonus(c.base, c.coefficient, c.months_served, c.months_in_period, c.money_dp, c.mode), c.expected);
    }
    return;
  }
  if (doc.kind === "process") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    const a = new wasm.Appraisal(scheme.score(doc.record), doc.appeal_window);
    for (const st of doc.steps) {
      let got;
      try {
        if (st.op === "appeal") a.appeal(st.actor, st.at, st.reason);
        else a.advance(st.to, st.actor, st.role, st.at, st.reason ?? undefined);
        got = { state: a.state };
      } catch (e) {
        got = { error: { code: e.errors[0].code, path: e.errors[0].path } };
      }
      assert.deepEqual(got, st.expected, JSON.stringify(st));
    }
    const log = a.audit;
    assert.equal(log.length, doc.audit.entries);
    for (const c of doc.audit.tamper) {
      const entries = JSON.parse(JSON.stringify(log));
      if (c.how === "edit") entries[c.index].actor.id += "X";
      else if (c.how === "remove") entries.splice(c.index, 1);
      assert.equal(wasm.verifyAudit(entries) ?? null, c.expected, JSON.stringify(c));
    }
    return;
  }
  if (doc.kind === "form") {
    const hashes = JSON.parse(readFileSync(new URL(`../../../out/corpus/${doc.name}.json`, import.meta.url), "utf8"));
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    const card = scheme.score(doc.record);
    doc.cases.forEach((c, i) => {
      const text = wasm.renderForm(scheme, c.filled ? card : null, c.lang, c.format);
      for (const p of c.contains) assert.ok(text.includes(p), `${p} missing`);
      assert.equal(createHash("sha256").update(text, "utf8").digest("hex"), hashes[`${doc.name}/${i}`], `case ${i}: differs from Rust`);
    });
    for (const c of doc.errors ?? []) {
      let got = null;
      try {
        wasm.renderForm(scheme, card, c.lang, c.format);
      } catch (e) {
        got = { code: e.errors[0].code, path: e.errors[0].path };
      }
      assert.deepEqual(got, c.expected);
    }
    return;
  }
  if (doc.kind === "redact") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    const card = scheme.score(doc.record);
    for (const c of doc.cases) {
      const want = structuredClone(c.expected);
      want.scheme.digest = scheme.digest;
      assert.equal(JSON.stringify(wasm.redact(card, c.role, c.state, doc.ratings, doc.comments)), JSON.stringify(want));
    }
    return;
  }
  if (doc.kind === "rules") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    const rules = wasm.RuleSet.fromJson(doc.rules);
    for (const c of doc.cases) {
      let got;
      try {
        const [cur, hist] = [scheme.score(c.current), c.history.map((h) => scheme.score(h))];
        got = doc.for_scheme ? rules.applyFor(scheme, cur, hist, c.context) : rules.apply(cur, hist, c.context);
      } catch (e) {
        got = { error: { code: e.errors[0].code, path: e.errors[0].path } };
      }
      assert.equal(JSON.stringify(got), JSON.stringify(c.expected));
    }
    return;
  }
  if (doc.kind === "analytics") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    const cards = scheme.scoreMany(doc.records).filter((e) => !e.errors);
    assert.equal(JSON.stringify(wasm.indicatorAnalytics(scheme, cards)), JSON.stringify(doc.expected));
    return;
  }
  if (doc.kind === "diff") {
    const [o, n] = [wasm.Scheme.fromJson(doc.old), wasm.Scheme.fromJson(doc.new)];
    assert.equal(JSON.stringify({ en: wasm.diff(o, n, "en"), zh: wasm.diff(o, n, "zh") }), JSON.stringify(doc.expected));
    return;
  }
  if (doc.kind === "uncertainty") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    assert.equal(JSON.stringify(scheme.uncertainty(doc.records, doc.config)), JSON.stringify(doc.expected));
    return;
  }
  if (doc.kind === "leniency") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    assert.equal(JSON.stringify(scheme.leniency(doc.records, doc.config)), JSON.stringify(doc.expected));
    return;
  }
  if (doc.kind === "scorecard_fields") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    const got = scheme.scoreMany(doc.records).map((c) => Object.fromEntries(doc.fields.map((f) => [f, c[f] ?? null])));
    assert.equal(JSON.stringify(got), JSON.stringify(doc.expected));
    return;
  }
  if (doc.kind === "shrinkage") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    assert.equal(JSON.stringify(scheme.shrink(doc.records, doc.teams)), JSON.stringify(doc.expected));
    return;
  }
  if (doc.kind === "correction") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    assert.equal(JSON.stringify(scheme.correctRatings(doc.records, doc.config)), JSON.stringify(doc.expected));
    return;
  }
  if (doc.kind === "calibration") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    assert.equal(JSON.stringify(scheme.calibrate(doc.entries, doc.config)), JSON.stringify(doc.expected));
    return;
  }
  if (doc.kind === "reliability") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    assert.equal(JSON.stringify(scheme.reliability(doc.records, doc.dp ?? undefined)), JSON.stringify(doc.expected));
    return;
  }
  if (doc.kind === "whatif") {
    const scheme = wasm.Scheme.fromJson(doc.scheme);
    assert.equal(JSON.stringify(scheme.whatif(doc.record, doc.target ?? undefined)), JSON.stringify(doc.expected));
    return;
  }
  const scheme = wasm.Scheme.fromJson(doc.scheme);
  const cards = scheme.scoreMany(doc.records).filter((e) => !e.errors);
  const got = doc.kind === "rollup"
    ? scheme.rollup(doc.employee, doc.period, cards, doc.weights, doc.min_periods)
    : wasm.distribute(doc.config, cards);
  assert.equal(JSON.stringify(got), JSON.stringify(doc.expected));
}
