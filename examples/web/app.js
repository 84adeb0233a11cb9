// In-browser score calculator: builds a form from a scheme, scores on every change with the
// Rust core compiled to WebAssembly, and explains every point. No framework, no server.
import { setupTeam } from "./team.js";
import init, { builtinScheme, builtinNames, exampleNames, Scheme, AppraisalError, stepText, unitText } from "./pkg/appraisal_wasm.js";

const UI = {
  en: {
    title: "Appraisal score calculator", scheme: "Scheme", load: "Load scheme JSON…", employee: "Employee", period: "Period",
    events: "Events (bonus, penalty and veto items)", total: "Total", grade: "Grade", weight: "weight",
    footer: "Computed in your browser by the same Rust code as the command line and the Python package. Nothing leaves this page.",
    samples: "samples", base: "Base", coverage: "Coverage", adjustments: "Adjustments", vetoes: "Vetoes fired", none: "none",
    complete: "Complete", incomplete: "Incomplete: coverage below the minimum, no grade", fix: "Fix the highlighted fields to see a score.",
    na: "N/A", missing_value: "no value", insufficient_sample: "sample too small", insufficient_raters: "not enough raters",
    addRater: "+ rater", group: "group", rater: "rater id", pass: "passed", notRated: "—", vetoed: "vetoed", natural: "before caps",
    custom: "loaded file", rating: "Rating", attributes: "Record attributes", attrNone: "(not given)",
    out_of_scope: "not asked for this record", appliesWhen: "applies when", pool: "deduction pool", left: "left", used: "used",
    deduction: "deduction item", examples: "format-2 examples",
    whatif: "What each indicator needs for the next grade", whatifTo: "for grade",
    reachable: "reaches it at", reached: "already there", unattainable: "cannot reach it alone",
    vetoedW: "a veto blocks it", notApplicable: "no single value to change", gives: "total",
  },
  zh: {
    title: "绩效考核评分计算器", scheme: "考核方案", load: "载入方案 JSON…", employee: "员工", period: "考核期",
    events: "事件（加分、扣分与一票否决项）", total: "总分", grade: "等级", weight: "权重",
    footer: "在浏览器中由与命令行、Python 包相同的 Rust 代码计算，数据不离开本页面。",
    samples: "样本数", base: "基础分", coverage: "覆盖率", adjustments: "加减分", vetoes: "触发的否决项", none: "无",
    complete: "完整", incomplete: "不完整：覆盖率低于要求，不评等级", fix: "请修正标红的字段后查看得分。",
    na: "不适用", missing_value: "无数据", insufficient_sample: "样本不足", insufficient_raters: "评价人不足",
    addRater: "+ 评价人", group: "评价组", rater: "评价人编号", pass: "达标", notRated: "—", vetoed: "已否决", natural: "封顶前",
    custom: "载入的文件", rating: "评级", attributes: "记录属性", attrNone: "（未提供）",
    out_of_scope: "本记录不适用", appliesWhen: "适用条件", pool: "扣分池", left: "剩余", used: "已扣",
    deduction: "扣分项", examples: "格式 2 示例",
    whatif: "各指标达到下一等级所需", whatifTo: "目标等级",
    reachable: "需达到", reached: "已达到", unattainable: "单靠此项无法达到",
    vetoedW: "受否决项限制", notApplicable: "无单一数值可调整", gives: "总分",
  },
};
// Error messages by code, for the Chinese page (the core's messages are English).
const ZH_ERRORS = {
  unparsable_number: "不是有效的数字", out_of_range: "超出有效范围", out_of_domain: "超出评分规则的取值范围",
  wrong_value_type: "数据类型不符", invalid_count: "次数须为非负整数", unknown_rater_group: "未知评价组",
  duplicate_rater: "同一评价人重复评价", missing_field: "缺少必填项", unknown_indicator: "未知指标", unknown_event: "未知事件",
  unknown_attribute: "未知属性",
};

// Format 2 (SPEC §8): the record attributes the scheme's indicators are scoped by, with the
// values they name.
function attributesOf(d) {
  const out = new Map();
  for (const c of d.categories) for (const i of c.indicators) {
    if (!i.applies_when) continue;
    const vals = out.get(i.applies_when.attribute) ?? [];
    for (const v of i.applies_when.in) if (!vals.includes(v)) vals.push(v);
    out.set(i.applies_when.attribute, vals);
  }
  return [...out.entries()];
}
const pctSign = () => (def.weights === "relative" ? "" : "%");

let lang = "en";
let scheme = null;
let def = null;
let team = null;
const $ = (sel) => document.querySelector(sel);
const t = (k) => UI[lang][k] ?? k;
const text = (v) => (v == null ? "" : typeof v === "string" ? v : v[lang] ?? v.en ?? v.zh ?? Object.values(v)[0] ?? "");
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k);
  return e;
};

function eventsOf(d) {
  const seen = new Map();
  for (const a of d.adjustments) if (!seen.has(a.event)) seen.set(a.event, a.name ?? a.id);
  for (const v of d.vetoes) if (v.when.event && !seen.has(v.when.event)) seen.set(v.when.event, v.name ?? v.id);
  return [...seen.entries()];
}

function rubricInput(ind) {
  const r = ind.rubric;
  const id = `v-${ind.id}`;
  if (r.type === "scale") {
    const sel = el("select", { id, "data-indicator": ind.id });
    sel.append(el("option", { value: "" }, t("notRated")));
    for (const l of r.levels) sel.append(el("option", { value: l.key }, l.label ? `${l.key} · ${text(l.label)}` : l.key));
    return sel;
  }
  if (r.type === "pass_fail") {
    return el("label", {}, el("input", { type: "checkbox", id, checked: "", "data-indicator": ind.id }), " ", t("pass"));
  }
  return el("span", {}, el("input", { type: "text", id, inputmode: "decimal", "data-indicator": ind.id }), " ", el("span", { class: "unit" }, unitText(ind.unit, lang)));
}

function raterRow(ind, group = "", rater = "", value = "") {
  const levels = ind.rubric.type === "scale" ? ind.rubric.levels : null;
  const g = el("select", { class: "r-group" });
  for (const gr of ind.raters.groups) g.append(el("option", { value: gr.id }, gr.id));
  if (group) g.value = group;
  let v;
  if (levels) {
    v = el("select", { class: "r-value" }, el("option", { value: "" }, t("notRated")));
    for (const l of levels) v.append(el("option", { value: l.key }, l.label ? `${l.key} · ${text(l.label)}` : l.key));
  } else {
    v = el("input", { class: "r-value", type: "text", inputmode: "decimal" });
  }
  v.value = value;
  const row = el("div", { class: "row" }, g, el("input", { class: "r-rater", placeholder: t("rater"), value: rater }), v,
    el("button", { type: "button", onclick: () => { row.remove(); update(); } }, "×"));
  return row;
}

function buildForm() {
  const box = $("#categories");
  box.replaceChildren();
  for (const cat of def.categories) {
    const poolNote = cat.pool ? ` · ${t("pool")} ${cat.pool.full} → ≥ ${cat.pool.floor}` : "";
    const fs = el("fieldset", {}, el("legend", {}, `${text(cat.name)} `, el("span", { class: "w" }, `${t("weight")} ${cat.weight}${pctSign()}${poolNote}`)));
    for (const ind of cat.indicators) {
      let inputs;
      if (ind.raters) {
        const rows = el("div", { class: "raters", id: `r-${ind.id}` });
        const first = ind.raters.groups[0]?.id ?? "";
        rows.append(raterRow(ind, first, "R1"));
        inputs = el("div", { class: "inputs" }, rows,
          el("button", { type: "button", class: "add", onclick: () => { rows.append(raterRow(ind, first, `R${rows.children.length + 1}`)); update(); } }, t("addRater")));
      } else {
        inputs = el("div", { class: "inputs" }, rubricInput(ind));
      }
      if (ind.min_sample != null) {
        inputs.append(el("label", { class: "unit" }, `${t("samples")} ≥ ${ind.min_sample} `,
          el("input", { type: "text", id: `s-${ind.id}`, inputmode: "numeric", style: "width:60px" })));
      }
      const scope = ind.applies_when ? `${t("appliesWhen")}: ${ind.applies_when.attribute} ∈ {${ind.applies_when.in.join(", ")}}` : "";
      const w = cat.pool ? t("deduction") : `${t("weight")} ${ind.weight}${pctSign()}`;
      const std = [ind.standard ? text(ind.standard) : "", w, scope].filter(Boolean).join(" · ");
      const row = el("div", { class: "ind", id: `ind-${ind.id}` },
        el("div", { class: "name" }, text(ind.name)), inputs,
        el("div", { class: "score", id: `score-${ind.id}` }),
        el("div", { class: "std" }, std),
        el("div", { class: "field-error", id: `err-${ind.id}`, hidden: "" }));
      if (ind.rubric.type === "scale" && !ind.raters) {
        row.querySelector("select").addEventListener("change", (e) => {
          const l = ind.rubric.levels.find((x) => x.key === e.target.value);
          row.querySelector(".std").textContent = l?.description ? text(l.description) : std;
        });
      }
      fs.append(row);
    }
    box.append(fs);
  }
  const attrs = attributesOf(def);
  const ab = $("#attributes");
  ab.replaceChildren();
  $("#attributes-box").hidden = attrs.length === 0;
  for (const [name, vals] of attrs) {
    const sel = el("select", { id: `a-${name}`, "data-attribute": name }, el("option", { value: "" }, t("attrNone")));
    for (const v of vals) sel.append(el("option", { value: v }, v));
    if (vals.length) sel.value = vals[0];
    ab.append(el("div", { class: "ind", id: `attr-${name}` }, el("div", { class: "name" }, name), el("div", { class: "inputs" }, sel),
      el("div", { class: "score" }), el("div", { class: "field-error", id: `err-a-${name}`, hidden: "" })));
  }
  const ev = $("#events");
  ev.replaceChildren();
  $("#events-box").hidden = eventsOf(def).length === 0;
  for (const [name, label] of eventsOf(def)) {
    ev.append(el("div", { class: "ind", id: `ev-${name}` },
      el("div", { class: "name" }, text(label)),
      el("div", { class: "inputs" }, el("input", { type: "text", id: `e-${name}`, inputmode: "numeric", value: "0" })),
      el("div", { class: "score", id: `escore-${name}` }),
      el("div", { class: "field-error", id: `err-e-${name}`, hidden: "" })));
  }
}

function readRecord() {
  const rec = { employee: $("#employee").value.trim(), period: $("#period").value.trim(), values: {}, samples: {}, ratings: {}, events: {} };
  for (const cat of def.categories) {
    for (const ind of cat.indicators) {
      if (ind.raters) {
        rec.ratings[ind.id] = [...document.querySelectorAll(`#r-${CSS.escape(ind.id)} .row`)].map((row) => {
          const v = row.querySelector(".r-value").value.trim();
          return { group: row.querySelector(".r-group").value, rater: row.querySelector(".r-rater").value.trim(), value: v === "" ? null : v };
        });
      } else if (ind.rubric.type === "pass_fail") {
        rec.values[ind.id] = $(`#v-${CSS.escape(ind.id)}`).checked;
      } else {
        const v = $(`#v-${CSS.escape(ind.id)}`).value.trim();
        if (v !== "") rec.values[ind.id] = v;
      }
      const s = document.getElementById(`s-${ind.id}`);
      if (s && s.value.trim() !== "") rec.samples[ind.id] = s.value.trim();
    }
  }
  for (const [name] of eventsOf(def)) {
    const v = document.getElementById(`e-${name}`).value.trim();
    if (v !== "" && v !== "0") rec.events[name] = v;
  }
  const attrs = attributesOf(def);
  if (attrs.length) {
    rec.attributes = {};
    for (const [name] of attrs) {
      const v = document.getElementById(`a-${name}`)?.value ?? "";
      if (v !== "") rec.attributes[name] = v;
    }
  }
  return rec;
}

function clearMarks() {
  document.querySelectorAll(".invalid").forEach((e) => e.classList.remove("invalid"));
  document.querySelectorAll(".field-error").forEach((e) => { e.hidden = true; e.textContent = ""; });
}

function fieldFor(path) {
  let m;
  if ((m = /^values\.(.+)$/.exec(path))) return [m[1], document.getElementById(`v-${m[1]}`)];
  if ((m = /^samples\.(.+)$/.exec(path))) return [m[1], document.getElementById(`s-${m[1]}`)];
  if ((m = /^ratings\.([^[]+)\[(\d+)\]\.(\w+)$/.exec(path))) {
    const row = document.querySelectorAll(`#r-${CSS.escape(m[1])} .row`)[Number(m[2])];
    return [m[1], row?.querySelector(m[3] === "group" ? ".r-group" : m[3] === "rater" ? ".r-rater" : ".r-value")];
  }
  if ((m = /^events\.(.+)$/.exec(path))) return [`e-${m[1]}`, document.getElementById(`e-${m[1]}`)];
  if ((m = /^attributes\.(.+)$/.exec(path))) return [`a-${m[1]}`, document.getElementById(`a-${m[1]}`)];
  return [null, null];
}

function showErrors(errors) {
  const loose = [];
  for (const e of errors) {
    const [key, input] = fieldFor(e.path);
    const box = key && document.getElementById(`err-${key}`);
    const msg = lang === "zh" ? `${ZH_ERRORS[e.code] ?? e.code}（${e.code}）` : e.message;
    if (input) input.classList.add("invalid");
    if (box) { box.hidden = false; box.textContent = box.textContent ? `${box.textContent}; ${msg}` : msg; } else loose.push(`${e.path}: ${msg}`);
  }
  const r = $("#record-error");
  r.hidden = false;
  r.textContent = [t("fix"), ...loose].join(" ");
}

// What-if (the core's answers): per indicator, the smallest value that reaches the target grade.
function renderWhatIf(record) {
  const w = scheme.whatif(record);
  $("#whatif-box").hidden = w.target == null;
  if (w.target == null) return $("#whatif").replaceChildren();
  $("#whatif-box h3").textContent = `${t("whatif")} (${t("whatifTo")} ${w.target})`;
  const name = (id) => text(def.categories.flatMap((c) => c.indicators).find((i) => i.id === id)?.name ?? id);
  const label = { reachable: "reachable", reached: "reached", unattainable: "unattainable", vetoed: "vetoedW", not_applicable: "notApplicable" };
  $("#whatif").replaceChildren(...w.answers.map((a) => el("li", { class: a.outcome, "data-indicator": a.indicator },
    el("span", { class: "name" }, name(a.indicator)), " ",
    a.outcome === "reachable"
      ? el("span", {}, `${a.current ?? "—"} → ${t("reachable")} `, el("b", { class: "wi-value" }, a.value), ` (${t("gives")} `, el("b", { class: "wi-total" }, a.total), ` ${a.grade})`)
      : el("span", { class: "muted" }, t(label[a.outcome] ?? a.outcome)))));
}

function render(card) {
  const names = new Map(def.categories.map((c) => [c.id, c]));
  for (const i of card.indicators) {
    const out = document.getElementById(`score-${i.id}`);
    document.getElementById(`ind-${i.id}`)?.classList.toggle("out", i.reason === "out_of_scope");
    if (i.status === "scored") {
      out.replaceChildren(el("b", {}, i.score), el("span", { class: "step" }, stepText(i.step ?? "", lang)));
    } else {
      out.replaceChildren(el("span", { class: "na" }, `${t("na")}: ${t(i.reason)}`), ...(i.score ? [el("span", { class: "step" }, i.score)] : []));
    }
  }
  for (const [name] of eventsOf(def)) document.getElementById(`escore-${name}`).textContent = "";
  def.adjustments.forEach((a, k) => {
    const r = card.adjustments[k];
    const out = document.getElementById(`escore-${a.event}`);
    if (r && r.units > 0) out.textContent = `${out.textContent ? out.textContent + " " : ""}${Number(r.points) > 0 ? "+" : ""}${r.points}`;
  });
  $("#total").textContent = card.total ?? "—";
  // Format 2's rating beside the total (SPEC §8.2): only when the scheme has a rating map.
  $("#rating-box").hidden = !("rating" in card);
  $("#rating").textContent = card.rating ?? "—";
  $("#grade").textContent = card.grade ?? "—";
  $("#status").textContent = card.status === "complete" ? t("complete") : t("incomplete");
  $("#bars").replaceChildren(...card.categories.map((c) => {
    const cat = names.get(c.id);
    const pct = c.score == null ? 0 : Number(c.score); // width only
    const shown = c.status === "vetoed" ? `0 · ${t("vetoed")}` : c.score == null ? t("na") : c.score;
    if (cat.pool) {
      // A pool's budget bar: what is left of the budget, and what the deductions used (the
      // used figure is the core's: full minus the pool's score).
      const full = Number(cat.pool.full);
      const usedPct = c.score == null ? 0 : Math.max(0, full - pct);
      return el("div", { class: `bar pool ${c.status}` },
        el("div", { class: "label" }, el("span", {}, `${text(cat.name)} (${cat.weight}${pctSign()}) · ${t("pool")}`),
          el("span", {}, c.score == null ? shown : `${t("left")} ${c.score} / ${cat.pool.full}`)),
        el("div", { class: "track" }, el("div", { class: "fill", style: `width:${pct}%` }), el("div", { class: "used", style: `width:${usedPct}%` })));
    }
    return el("div", { class: `bar ${c.status}` },
      el("div", { class: "label" }, el("span", {}, `${text(cat.name)} (${cat.weight}${pctSign()})`), el("span", {}, shown)),
      el("div", { class: "track" }, el("div", { class: "fill", style: `width:${pct}%` })));
  }));
  const adjName = (id) => text(def.adjustments?.find((a) => a.id === id)?.name ?? id);
  const adj = card.adjustments.filter((a) => a.units > 0).map((a) => `${adjName(a.id)} ${a.points}`).join(", ") || t("none");
  const vet = card.vetoes.length ? card.vetoes.map((id) => text(def.vetoes.find((v) => v.id === id)?.name ?? id)).join(", ") : t("none");
  const rows = [[t("base"), card.base ?? "—"], [t("adjustments"), `${adj} (= ${card.adjustment_total})`], [t("coverage"), `${card.coverage}%`], [t("vetoes"), vet]];
  if (card.natural_grade && card.natural_grade !== card.grade) rows.push([t("natural"), card.natural_grade]);
  $("#summary").replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { class: k === t("vetoes") && card.vetoes.length ? "fired" : "" }, v)]));
}

export function update() {
  if (!scheme) return;
  clearMarks();
  $("#record-error").hidden = true;
  try {
    const t0 = performance.now();
    const record = readRecord();
    const card = scheme.score(record);
    window.lastScoreMs = performance.now() - t0;
    render(card);
    renderWhatIf(record);
  } catch (e) {
    if (e instanceof AppraisalError) showErrors(e.errors);
    else { $("#record-error").hidden = false; $("#record-error").textContent = String(e); }
    $("#total").textContent = "—";
    $("#rating").textContent = "—";
    $("#grade").textContent = "—";
    $("#status").textContent = "";
    $("#bars").replaceChildren();
    $("#summary").replaceChildren();
    $("#whatif-box").hidden = true;
    document.querySelectorAll(".score").forEach((o) => o.replaceChildren());
  }
}

function useScheme(s) {
  scheme = s;
  def = s.toObject();
  $("#scheme-error").hidden = true;
  $("#scheme-info").textContent = `${text(def.name)} · ${def.id} ${def.version} · ${s.digest.slice(0, 19)}…`;
  buildForm();
  update();
  if (team) { team.clear(); team.relabel(); }
}

function relabel() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = t(e.dataset.t); });
  $("#lang-en").classList.toggle("on", lang === "en");
  $("#lang-zh").classList.toggle("on", lang === "zh");
  if (team) team.relabel();
  if (scheme) {
    const values = readRecord();
    buildForm();
    restore(values);
    $("#scheme-info").textContent = `${text(def.name)} · ${def.id} ${def.version} · ${scheme.digest.slice(0, 19)}…`;
    update();
  }
}

function restore(rec) {
  for (const [id, v] of Object.entries(rec.values)) {
    const e = document.getElementById(`v-${id}`);
    if (!e) continue;
    if (e.type === "checkbox") e.checked = v === true; else e.value = v;
  }
  for (const [id, v] of Object.entries(rec.samples)) { const e = document.getElementById(`s-${id}`); if (e) e.value = v; }
  for (const [id, v] of Object.entries(rec.events)) { const e = document.getElementById(`e-${id}`); if (e) e.value = v; }
  for (const [id, v] of Object.entries(rec.attributes ?? {})) { const e = document.getElementById(`a-${id}`); if (e) e.value = v; }
  for (const [id, list] of Object.entries(rec.ratings)) {
    const rows = document.getElementById(`r-${id}`);
    const ind = def.categories.flatMap((c) => c.indicators).find((i) => i.id === id);
    if (!rows || !ind) continue;
    rows.replaceChildren(...list.map((r) => raterRow(ind, r.group, r.rater, r.value ?? "")));
  }
}

async function main() {
  await init();
  const sel = $("#scheme-select");
  for (const name of builtinNames()) sel.append(el("option", { value: name }, name));
  const ex = el("optgroup", { label: "format 2 · 格式 2" });
  for (const name of exampleNames()) ex.append(el("option", { value: name }, name));
  sel.append(ex);
  sel.addEventListener("change", () => { if (sel.value !== "__file") useScheme(builtinScheme(sel.value)); });
  $("#scheme-file").addEventListener("change", async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    try {
      const s = Scheme.fromJson(await f.text());
      if (![...sel.options].some((o) => o.value === "__file")) sel.append(el("option", { value: "__file" }, t("custom")));
      sel.value = "__file";
      useScheme(s);
    } catch (err) {
      const box = $("#scheme-error");
      box.hidden = false;
      box.textContent = err instanceof AppraisalError ? err.errors.map((x) => `${x.code} at ${x.path}: ${x.message}`).join("\n") : String(err);
    }
  });
  $("#lang-en").addEventListener("click", () => { lang = "en"; relabel(); });
  $("#lang-zh").addEventListener("click", () => { lang = "zh"; relabel(); });
  $("#form").addEventListener("input", update);
  $("#form").addEventListener("change", update);
  team = setupTeam(() => ({ scheme, lang }));
  useScheme(builtinScheme(sel.value));
  // For the benchmark in the browser test: median milliseconds of n recomputations of the
  // current form (read the form, score, no rendering).
  window.appraisalBench = (n) => {
    const rec = readRecord();
    const times = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      scheme.score(rec);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(n / 2)], p90: times[Math.floor(n * 0.9)], n };
  };
  window.appraisalReady = true;
}

main();
