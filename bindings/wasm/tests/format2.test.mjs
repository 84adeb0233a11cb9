// Format 2 (SPEC §8) from JavaScript: the same core; values worked out by hand from SPEC §8.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const wasm = require(process.env.APPRAISAL_WASM_NODE ?? "../../../out/wasm/node/appraisal_wasm.js");
const sample = (name) =>
  readFileSync(new URL(`../../../examples/data/format2/${name}`, import.meta.url), "utf8")
    .split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

test("the format-2 examples are built in", () => {
  assert.deepEqual(wasm.exampleNames(), ["qa_form", "discipline_pool", "manager_review"]);
});

test("manager review: 88.00 with the rating 4.4 beside it", () => {
  // goals 104 above 100 -> 100; behaviours 70; base 88.00; rating 3 + 28 x 2 / 40 = 4.4
  const card = wasm.builtinScheme("manager_review").score(sample("manager-review-2026.jsonl")[0]);
  assert.equal(card.total, "88.00");
  assert.equal(card.rating, "4.4");
  assert.equal("rating" in wasm.builtinScheme("csr").score({ employee: "E", period: "P" }), false);
});

test("QA form: out of scope and the critical item; the pool", () => {
  const qa = wasm.builtinScheme("qa_form");
  const [phone, chat] = sample("qa-form-2026-01.jsonl");
  const c = qa.score(phone);
  assert.equal(c.total, "74.00");
  assert.equal(c.indicators.find((i) => i.id === "writing").reason, "out_of_scope");
  assert.deepEqual(qa.score(chat).vetoes, ["critical_accuracy"]);
  // 100 - 15 - 10 = 75; (70 x 80 + 30 x 75) / 100 = 78.50
  const d = wasm.builtinScheme("discipline_pool").score(sample("discipline-2026-01.jsonl")[0]);
  assert.equal(d.categories.find((x) => x.id === "discipline").score, "75.00");
  assert.equal(d.total, "78.50");
});

test("an attribute no indicator names is a coded error", () => {
  const qa = wasm.builtinScheme("qa_form");
  assert.throws(() => qa.score({ employee: "E", period: "P", attributes: { queue: "vip" } }), (e) => {
    assert.equal(e.code, "unknown_attribute");
    assert.equal(e.errors[0].path, "attributes.queue");
    return true;
  });
});
