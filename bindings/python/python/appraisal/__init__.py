"""Exact, explainable performance-appraisal scoring (Rust core, Python binding).

>>> from decimal import Decimal
>>> import appraisal
>>> scheme = appraisal.Scheme.builtin("csr")
>>> card = scheme.score({"employee": "E1", "period": "2026-Q3",
...                      "values": {"attendance": Decimal("99.5"), "task_completion": 96}})
>>> card.categories[0]["score"]  # (30*100 + 30*84) / 60: two of four indicators measured
Decimal('92.00')

Every number is computed by the Rust core: the results equal the command line's and the
WebAssembly build's to the last digit. Decimals go in as ``decimal.Decimal``, ``int`` or
``str``; a ``float`` is converted through ``repr`` (its shortest text), never its binary value.
"""

from ._appraisal import (
    Appraisal,
    AppraisalError,
    Batch,
    RecordError,
    RuleSet,
    Scheme,
    SchemeError,
    Scorecard,
    __version__,
    bonus,
    diff,
    distribute,
    indicator_analytics,
    redact,
    render_form,
    split_pool,
    step_text,
    unit_text,
    verify_audit,
)

__all__ = [
    "Appraisal",
    "AppraisalError",
    "Batch",
    "RecordError",
    "Scheme",
    "SchemeError",
    "Scorecard",
    "RuleSet",
    "__version__",
    "bonus",
    "builtin",
    "distribute",
    "split_pool",
    "diff",
    "indicator_analytics",
    "redact",
    "render_form",
    "step_text",
    "unit_text",
    "verify_audit",
]


def builtin(role: str) -> Scheme:
    """The built-in scheme for a role: ``csr``, ``tech_support`` or ``account_manager``."""
    return Scheme.builtin(role)
