"""Columnar input and output for ``Scheme.score_arrow`` and ``Scheme.score_frame``: the data
goes to the Rust core through the Arrow PyCapsule interface (no Python object per cell), is
scored on the fast exact table path, and comes back as an Arrow table with exact Decimal128
columns, from which a pandas (ArrowDtype) or polars (Decimal) frame is built. Only conversion
happens here; every number, every error and the result layout come from the core."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def _decimals(decimals: str) -> bool:
    if decimals not in ("decimal", "str"):
        from . import AppraisalError

        msg = f'decimals must be "decimal" or "str", found {decimals!r}'
        err = AppraisalError(msg)
        err.errors = [{"code": "invalid_value", "path": "decimals", "message": msg}]
        raise err
    return decimals == "str"


def _library(df: Any) -> str:
    mod = type(df).__module__.split(".")[0]
    if mod in ("pandas", "polars"):
        return mod
    raise TypeError(f"score_frame expects a pandas or polars DataFrame, not {type(df).__name__}")


def _cell(v: Any) -> Any:
    """One cell of a mixed object column as the text the analyst sees (never a float's binary
    value); None stays missing."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return None if v != v else repr(v)  # NaN is pandas' missing value
    if isinstance(v, (int, str, Decimal)):
        return str(v)
    name = type(v).__name__
    if name in ("NAType", "NaTType"):
        return None
    dtype = getattr(v, "dtype", None)
    if dtype is not None:  # numpy scalars
        kind = getattr(dtype, "kind", "")
        if kind == "b":
            return "true" if bool(v) else "false"
        if kind == "f":
            f = float(v)
            return None if f != f else repr(f)
        if kind in "iu":
            return str(int(v))
    return str(v)


def _pandas_to_arrow(df: Any) -> Any:
    """A pandas frame as a pyarrow Table: typed columns as they are; an object column that
    mixes types (numbers beside text) as the text of each cell."""
    import pyarrow as pa

    columns = {}
    for name in df.columns:
        col = df[name]
        try:
            columns[str(name)] = pa.array(col, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            columns[str(name)] = pa.array([_cell(v) for v in col], type=pa.string())
    if len(set(columns)) != len(df.columns):
        # A repeated column name: let the core report it (duplicate_id) with its position.
        return pa.Table.from_arrays([pa.array(df[c], from_pandas=True) for c in df.columns], names=[str(c) for c in df.columns])
    return pa.table(columns)


def score_arrow(scheme: Any, data: Any, decimals: str = "decimal") -> Any:
    as_text = _decimals(decimals)
    if type(data).__module__.split(".")[0] == "pandas" and not hasattr(data, "__arrow_c_stream__"):
        data = _pandas_to_arrow(data)
    table = scheme._score_arrow(data, as_text)
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - the capsule object itself speaks Arrow
        return table
    return pa.table(table)


def score_frame(scheme: Any, df: Any, decimals: str = "decimal") -> Any:
    as_text = _decimals(decimals)
    kind = _library(df)
    if kind == "pandas":
        import pandas as pd

        table = scheme._score_arrow(_pandas_to_arrow(df), as_text)
        import pyarrow as pa

        return pa.table(table).to_pandas(types_mapper=pd.ArrowDtype)
    import polars as pl

    return pl.DataFrame(scheme._score_arrow(df, as_text))
