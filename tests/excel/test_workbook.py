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
