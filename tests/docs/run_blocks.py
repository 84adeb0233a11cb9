"""Runs the code blocks of the quick starts and the FAQ exactly as written (issue 16, point 5).

    python tests/docs/run_blocks.py DOC.md [--node-project DIR]

```sh blocks run with bash (errexit, pipefail) and ```python blocks in one namespace, in a
scratch directory where `examples/` and `tests/` point into the repository; ```js blocks run
with node inside DIR (a project with the npm tarball installed). A block fails the run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w+)\n(.*?)^```", text, re.S | re.M)]


def main() -> int:
    doc = Path(sys.argv[1]).resolve()
    node_project = Path(sys.argv[sys.argv.index("--node-project") + 1]) if "--node-project" in sys.argv else None
    found = blocks(doc.read_text(encoding="utf-8"))
    ran = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("examples", "tests"):
            os.symlink(ROOT / name, Path(tmp) / name)
        namespace: dict[str, object] = {}
        for lang, code in found:
            if lang == "sh":
                subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=tmp, check=True)
            elif lang == "python":
                cwd = os.getcwd()
                os.chdir(tmp)
                try:
                    exec(compile(code, f"{doc}:python", "exec"), namespace)  # noqa: S102
                finally:
                    os.chdir(cwd)
            elif lang == "js":
                if node_project is None:
                    raise SystemExit(f"{doc}: a js block needs --node-project")
                shutil.copy(ROOT / "examples/data/cs9001.json", node_project / "cs9001.json")
                script = node_project / f"block{ran}.cjs"
                script.write_text(code, encoding="utf-8")
                subprocess.run(["node", script.name], cwd=node_project, check=True)
            else:
                continue  # ```rust runs as a doctest (crates/appraisal/src/lib.rs)
            ran += 1
    print(f"{doc.relative_to(ROOT)}: {ran} block(s) ran")
    return 0 if ran else 1


if __name__ == "__main__":
    sys.exit(main())
