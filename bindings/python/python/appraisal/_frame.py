"""DataFrame support for ``Scheme.score_frame``: turns a pandas or polars frame into rows of
cell texts (the wide layout the Rust core reads) and the results back into a frame of the same
library. Only conversion happens here; every number comes from the core."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, List



def _library(df: Any) -> str:
    mod = type(df).__module__.split(".")[0]
    if mod in ("pandas", "polars"):
        return mod
    raise TypeError(f"score_frame expects a pandas or polars DataFrame, not {type(df).__name__}")


def _cell(v: Any) -> str:
    """One cell as the text the analyst sees (never a float's binary value)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return "" if v != v else repr(v)  # NaN is pandas' missing value
    if isinstance(v, (int, str, Decimal)):
        return str(v)
    name = type(v).__name__
    if name in ("NAType", "NaTType"):
        return ""
    dtype = getattr(v, "dtype", None)
    if dtype is not None:  # numpy scalars
        kind = getattr(dtype, "kind", "")
        if kind == "b":
            return "true" if bool(v) else "false"
        if kind == "f":
            f = float(v)
            return "" if f != f else repr(f)
        if kind in "iu":
            return str(int(v))
    return str(v)


def _rows(kind: str, df: Any) -> Iterable[Iterable[Any]]:
    if kind == "pandas":
        return df.itertuples(index=False, name=None)
    return df.iter_rows()


def score_frame(scheme: Any, df: Any, decimals: str = "decimal") -> Any:
    if decimals not in ("decimal", "str"):
        from . import AppraisalError

        msg = f'decimals must be "decimal" or "str", found {decimals!r}'
        err = AppraisalError(msg)
        err.errors = [{"code": "invalid_value", "path": "decimals", "message": msg}]
        raise err
    kind = _library(df)
    headers = [str(c) for c in df.columns]
    cells = [[_cell(v) for v in row] for row in _rows(kind, df)]
    # The fast exact table path: the same numbers as score_many, no scorecards built.
    columns: dict[str, List[Any]] = scheme._score_wide_columns(headers, cells, decimals == "str")
    if kind == "pandas":
        import pandas as pd

        return pd.DataFrame(columns)
    import polars as pl

    if decimals == "str":
        return pl.DataFrame(columns, schema={k: pl.Utf8 for k in columns})
    return pl.DataFrame(columns, strict=False)
