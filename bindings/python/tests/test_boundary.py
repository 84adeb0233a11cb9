"""No panic crosses into Python: every public callable of the package, fed hostile arguments,
either works or raises an ordinary exception (a TypeError/ValueError or AppraisalError
subclass), never PyO3's PanicException (a BaseException) and never a crash; and the module keeps
working afterwards."""

from __future__ import annotations

import inspect
import itertools
from decimal import Decimal

import pytest

import appraisal

HOSTILE = [
    None,
    -1,
    2**200,
    float("nan"),
    float("inf"),
    "",
    "\udcff",
    "9" * 5000,
    "1e999999",
    b"\xff",
    [],
    {},
    [[[[[]]]]] * 3,
    {"employee": None, "values": {"x": float("nan")}},
    {"employee": "E", "period": "P", "values": {"attendance": "1e12"}, "ratings": {"communication": [{}]}},
    Decimal("NaN"),
    Decimal("-0"),
    object(),
    # issue 11: long fractions, tiny and huge magnitudes, counts past 2^32
    {"employee": "E", "period": "P", "values": {"attendance": "99.1234567890123456789012345", "aht": "0.0000000000000000000000000001"}},
    "0.0000000000000000000000000001",
    "999999999999.9999999999999999",
    2**32,
    99,
]


def deep(n: int) -> list:
    v: list = []
    for _ in range(n):
        v = [v]
    return v


HOSTILE.append(deep(100_000))


def callables():
    scheme = appraisal.Scheme.builtin("csr")
    card = scheme.score({"employee": "E1", "period": "2026-Q3", "values": {"attendance": "99"}})
    batch = scheme.score_many([{"employee": "E1", "period": "P"}])
    rules = appraisal.RuleSet.builtin()
    process = appraisal.Appraisal(card, 10)
    objs = [scheme, card, batch, rules, process]
    out = []
    for name in appraisal.__all__:
        f = getattr(appraisal, name)
        if inspect.isclass(f):
            for attr, member in inspect.getmembers(f):
                if attr.startswith("__") or not callable(member):
                    continue
                out.append((f"{name}.{attr}", member))
        elif callable(f):
            out.append((name, f))
    for o in objs:
        for attr, member in inspect.getmembers(o):
            if not attr.startswith("_") and callable(member):
                out.append((f"{type(o).__name__}().{attr}", member))
    return out


def arity(f) -> int:
    try:
        return len([p for p in inspect.signature(f).parameters.values() if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)])
    except (TypeError, ValueError):
        return 1


def test_hostile_arguments_never_panic_through():
    calls = 0
    for name, f in callables():
        n = arity(f)
        for args in itertools.islice(itertools.product(HOSTILE, repeat=max(n, 1)), 60):
            calls += 1
            try:
                f(*args[:n])
            except Exception:  # noqa: BLE001 - every ordinary exception is fine
                pass
            except BaseException as e:  # PanicException derives from BaseException
                pytest.fail(f"{name}{args[:n]!r:.200} let {type(e).__name__} through: {e}")
    assert calls > 500
    # The module still works.
    assert appraisal.Scheme.builtin("csr").score({"employee": "E", "period": "P", "values": {"attendance": 99}}).employee == "E"
