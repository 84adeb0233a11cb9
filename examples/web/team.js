// "Upload a team CSV": the whole team scored in the browser on the fast exact table path
// (scoreCsv), the grade distribution and the first rows shown. Display only: every number,
// count and error comes from the core.
const WORDS = {
  en: {
    team: "Team upload", upload: "Upload a team CSV…", template: "CSV template for this scheme",
    scored: (n, ms) => `${n.toLocaleString("en")} rows scored in ${ms} ms, in this browser`,
    errors: "errors", ungraded: "no grade", employee: "Employee", total: "Total", grade: "Grade", status: "Status",
    first: (n) => `first ${n} rows`,
  },
  zh: {
    team: "团队批量评分", upload: "上传团队 CSV…", template: "本方案的 CSV 模板",
    scored: (n, ms) => `已在本浏览器中完成 ${n.toLocaleString("zh-CN")} 行评分，用时 ${ms} 毫秒`,
    errors: "错误", ungraded: "无等级", employee: "员工", total: "总分", grade: "等级", status: "状态",
    first: (n) => `前 ${n} 行`,
  },
};
const SHOWN = 20;

const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...kids);
  return e;
};

/** Shows a scored team (`result` from scheme.scoreCsv) in `box`. */
function show(box, result, ms, lang) {
  const w = WORDS[lang];
  box.querySelector("#team-status").textContent = w.scored(result.rows, ms);
  const counts = [...result.grades.grades, [w.ungraded, result.grades.ungraded], [w.errors, result.grades.errors]];
  const most = Math.max(1, ...counts.map(([, n]) => n));
  box.querySelector("#team-dist").replaceChildren(
    ...counts.map(([g, n]) =>
      el("div", { class: "dist-row", "data-grade": g },
        el("span", { class: "dist-label" }, g),
        el("span", { class: "dist-bar", style: `width: ${(100 * n) / most}%` }),
        el("span", { class: "dist-count" }, String(n)))),
  );
  const c = result.columns;
  const head = el("tr", {}, ...["employee", "total", "grade", "status"].map((k) => el("th", {}, w[k])));
  const rows = [];
  for (let i = 0; i < Math.min(SHOWN, result.rows); i++) {
    const status = c.status[i] === "error" ? c.errors[i] : c.status[i];
    rows.push(el("tr", {}, ...[c.employee[i], c.total[i], c.grade[i], status].map((v) => el("td", {}, v ?? "—"))));
  }
  box.querySelector("#team-table").replaceChildren(el("caption", {}, w.first(Math.min(SHOWN, result.rows))), head, ...rows);
}

/** Wires the team section: `current()` gives {scheme, lang}. */
export function setupTeam(current) {
  const box = document.querySelector("#team");
  let last = null;
  const relabel = () => {
    const { scheme, lang } = current();
    const w = WORDS[lang];
    box.querySelector("[data-tt=team]").textContent = w.team;
    box.querySelector("[data-tt=upload]").textContent = w.upload;
    const link = box.querySelector("#team-template");
    link.textContent = w.template;
    link.href = `data:text/csv;charset=utf-8,${encodeURIComponent(scheme.wideHeader().join(",") + "\n")}`;
    if (last) show(box, last.result, last.ms, lang);
  };
  box.querySelector("#team-file").addEventListener("change", async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    const text = await f.text();
    const { scheme, lang } = current();
    const err = box.querySelector("#team-error");
    err.hidden = true;
    try {
      const t0 = performance.now();
      const result = scheme.scoreCsv(text);
      last = { result, ms: Math.round(performance.now() - t0) };
      show(box, result, last.ms, lang);
    } catch (x) {
      err.hidden = false;
      err.textContent = x.errors ? x.errors.map((i) => `${i.code} at ${i.path}: ${i.message}`).join("\n") : String(x);
    }
  });
  return { relabel, clear: () => { last = null; } };
}
