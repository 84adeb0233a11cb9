"""`appraisal score … --format xlsx` read back with openpyxl (issue 16, point 3): the sheets, the
frozen header, the scheme's decimals, grade colours, the per-team summary, the distribution
chart and the errors sheet, in en and zh; every number equal to the CLI's JSON for the same
input, the team means recomputed here with Python's Decimal."""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples/data/sample-centre-2026-Q3.jsonl"
ROSTER = ROOT / "examples/data/roster.csv"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["cargo", "run", "-q", "--release", "-p", "appraisal-cli", "--", *args],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample centre's CSR agents, one bad record and one employee id that looks like a formula."""
    d = tmp_path_factory.mktemp("excel")
    lines = [json.loads(x) for x in SAMPLE.read_text(encoding="utf-8").splitlines() if x.strip()]
    csr = [r for r in lines if r.get("role") == "csr"]
    tricky = dict(csr[0], employee="=HYPERLINK(\"http://x\")")
    bad = {"employee": "BAD1", "period": "2026-Q3", "values": {"attendance": "abc"}}
    (d / "in.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [*csr, tricky, bad]) + "\n", encoding="utf-8")
    return d


def workbook(data: Path, lang: str) -> tuple[openpyxl.Workbook, Path, list[dict]]:
    out = data / f"q3-{lang}.xlsx"
    r = cli("score", "--builtin", "csr", str(data / "in.jsonl"), "--format", "xlsx", "-o", str(out),
            "--roster", str(ROSTER), "--lang", lang)
    assert r.returncode == 1, r.stderr  # one bad record: reported, the rest written
    assert out.stat().st_size > 0
    js = json.loads(cli("score", "--builtin", "csr", str(data / "in.jsonl"), "--format", "json").stdout)
    return openpyxl.load_workbook(out), out, js


@pytest.mark.parametrize("lang,names", [
    ("en", ["Scorecards", "Teams", "Distribution", "Errors"]),
    ("zh", ["考核结果", "团队汇总", "等级分布", "错误"]),
])
def test_workbook_reads_back_with_the_clis_numbers(data: Path, lang: str, names: list[str]) -> None:
    wb, path, js = workbook(data, lang)
    assert wb.sheetnames == names
    cards = [e for e in js if "total" in e]
    failures = [e for e in js if "errors" in e]

    ws = wb[names[0]]
    assert ws.freeze_panes == "C2"
    header = [c.value for c in ws[1]]
    assert header[:2] == (["Employee", "Period"] if lang == "en" else ["员工", "考核期"])
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(cards)
    for row, card, cells in zip(rows, cards, ws.iter_rows(min_row=2)):
        assert row[0] == card["employee"] and row[1] == card["period"]
        # Every number as the CLI's exact text, at the scheme's decimals.
        assert f"{Decimal(repr(row[3])):.2f}" == card["total"]
        assert cells[3].number_format == "0.00"
        assert cells[3].data_type == "n"
        assert row[4] == card["grade"]
        assert f"{Decimal(repr(row[6])):.2f}" == card["coverage"]
        for k, ind in enumerate(card["indicators"]):
            got = row[10 + len(card["categories"]) + k]
            assert (None if got is None else f"{Decimal(repr(got)):.2f}") == ind["score"]
    # The formula-looking id is a text cell, never a formula.
    tricky = [c for c in ws["A"][1:] if str(c.value).startswith("=")]
    assert len(tricky) == 1 and tricky[0].data_type == "s"
    # Grade colours: the best and the worst grades are filled differently.
    fills = {cells[4].value: cells[4].fill.fgColor.rgb for cells in ws.iter_rows(min_row=2) if cells[4].value}
    assert len(set(fills.values())) >= 2, fills

    # Teams: the roster's teams; counts add up; the mean total recomputed exactly here.
    roster = {}
    for line in ROSTER.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split(",")
        roster[parts[0]] = parts[2]
    by_team: dict[str, list[Decimal]] = defaultdict(list)
    for c in cards:
        by_team[roster.get(c["employee"], "(all)" if lang == "en" else "（全部）")].append(Decimal(c["total"]))
    teams = {r[0]: r for r in wb[names[1]].iter_rows(min_row=2, values_only=True)}
    assert set(teams) == set(by_team)
    for team, totals in by_team.items():
        assert teams[team][1] == len(totals)
        mean = (sum(totals) / len(totals)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert f"{Decimal(repr(teams[team][3])):.2f}" == str(mean), team

    # Distribution: the CLI's grade counts, and a chart drawn from them.
    dist = {g: n for g, n in wb[names[2]].iter_rows(min_row=2, max_col=2, values_only=True)}
    assert dist == {g: Counter(c["grade"] for c in cards).get(g, 0) for g in dist}
    with zipfile.ZipFile(path) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())

    # Errors: one row per problem, naming the bad cell.
    errs = list(wb[names[3]].iter_rows(min_row=2, values_only=True))
    assert len(errs) == sum(len(f["errors"]) for f in failures) == 1
    assert errs[0][1] == "BAD1" and errs[0][3] == "unparsable_number" and errs[0][4] == "values.attendance"


def sheet_from(records: list[dict], header: list[tuple[str, str]], path: Path) -> None:
    """A workbook an HR officer might keep: one row per agent, `header` = (title, record key)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title for title, _ in header])
    for r in records:
        row = []
        for _, key in header:
            section, _, name = key.rpartition(".")
            v = r.get(name) if not section else r.get(section, {}).get(name)
            # Numbers as Excel numbers where the record has them as numbers or numeric text.
            try:
                row.append(float(v) if isinstance(v, str) and v.replace(".", "", 1).isdigit() else v)
            except ValueError:
                row.append(v)
        ws.append(row)
    ws.append([])  # a blank row below the data is not a record
    wb.save(path)


@pytest.mark.parametrize("names", ["zh", "en", "id"])
def test_xlsx_input_with_id_or_zh_en_headers_scores_like_the_same_records_as_jsonl(data: Path, names: str) -> None:
    scheme = json.loads((ROOT / "crates/appraisal/src/scheme/builtin/csr.json").read_text(encoding="utf-8"))
    inds = [i for c in scheme["categories"] for i in c["indicators"] if not i.get("raters")]
    lines = [json.loads(x) for x in SAMPLE.read_text(encoding="utf-8").splitlines() if x.strip()]
    records = [dict(r, ratings={}) for r in lines if r.get("role") == "csr"][:12]
    records[3] = dict(records[3], values=dict(records[3]["values"], csat="abc"))  # a bad cell
    title = {"zh": lambda i: i["name"]["zh"], "en": lambda i: i["name"]["en"], "id": lambda i: i["id"]}[names]
    ident = {"zh": ["员工", "考核期"], "en": ["Employee", "Period"], "id": ["employee", "period"]}[names]
    header = [(ident[0], "employee"), (ident[1], "period")] + [(title(i), f"values.{i['id']}") for i in inds]
    header += [(f"samples.{k}", f"samples.{k}") for k in ("qa_score", "csat")]
    header += [({"zh": "客户表扬", "en": "Customer commendation", "id": "events.commendation"}[names], "events.commendation")]
    xlsx = data / f"in-{names}.xlsx"
    sheet_from(records, header, xlsx)
    # The same records as JSON Lines (what the sheet says: no ratings, commendation events only).
    plain = [{"employee": r["employee"], "period": r["period"], "values": r["values"],
              "samples": {k: v for k, v in r.get("samples", {}).items() if k in ("qa_score", "csat")},
              "events": {"commendation": r.get("events", {}).get("commendation", 0)}} for r in records]
    (data / "same.jsonl").write_text("\n".join(json.dumps(r) for r in plain) + "\n", encoding="utf-8")
    got = cli("score", "--builtin", "csr", str(xlsx), "--format", "json")
    want = cli("score", "--builtin", "csr", str(data / "same.jsonl"), "--format", "json")
    assert got.returncode == 1 and want.returncode == 1, got.stderr  # the bad cell
    g, w = json.loads(got.stdout), json.loads(want.stdout)
    assert len(g) == len(records) == len(w)
    for a, b in zip(g, w):
        assert a.get("total") == b.get("total") and a.get("grade") == b.get("grade")
        assert [x.get("score") for x in a.get("indicators", [])] == [x.get("score") for x in b.get("indicators", [])]
    assert g[3]["errors"][0]["code"] == "unparsable_number" and "csat" in g[3]["errors"][0]["path"]
    # Python reads the same workbook (bytes or a path) to the same entries.
    import appraisal

    csr = appraisal.Scheme.builtin("csr")
    for source in (xlsx.read_bytes(), str(xlsx)):
        batch = csr.score_xlsx(source)
        assert [None if c is None or c.total is None else str(c.total) for c in batch.results] == [e.get("total") for e in g]
        assert list(batch.errors) == [3]


def test_a_file_that_is_not_a_workbook_is_one_clear_error(data: Path) -> None:
    bad = data / "not.xlsx"
    bad.write_text("employee,period\n", encoding="utf-8")
    r = cli("score", "--builtin", "csr", str(bad), "--format", "json")
    assert r.returncode == 2 and "not an xlsx workbook" in r.stderr
    import appraisal

    with pytest.raises(appraisal.AppraisalError):
        appraisal.Scheme.builtin("csr").score_xlsx(bad.read_bytes())
