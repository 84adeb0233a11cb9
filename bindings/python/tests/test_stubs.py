"""The .pyi stubs match the compiled module (mypy.stubtest) and type-check a usage sample."""

import subprocess
import sys
from pathlib import Path


def test_stubtest():
    allow = Path(__file__).with_name("stubtest-allowlist.txt")
    r = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "appraisal._appraisal", "--allowlist", str(allow)],
        capture_output=True, text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_usage_type_checks(tmp_path):
    sample = tmp_path / "usage.py"
    sample.write_text(
        "from decimal import Decimal\n"
        "import appraisal\n"
        "s = appraisal.builtin('csr')\n"
        "c = s.score({'employee': 'E', 'period': 'P', 'values': {'attendance': Decimal('99')}})\n"
        "t: Decimal | None = c.total\n"
        "b = s.score_many([{'employee': 'E', 'period': 'P'}])\n"
        "errs: list[appraisal._appraisal.ErrorDict] = b.errors.get(0, [])\n"
    )
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(sample)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
