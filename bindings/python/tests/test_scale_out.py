"""Issue 14.5: scale-out on an existing engine. The example's own code, on a small partitioned
Parquet dataset with bad rows: Dask (a LocalCluster of 2 workers, map_partitions) and PySpark
(local mode, mapInArrow) give exactly the single-process result, row for row."""

import shutil
import sys

import pytest

from conftest import ROOT

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
sys.path.insert(0, str(ROOT / "examples/python"))
import scale_out  # noqa: E402

import appraisal  # noqa: E402

ROWS, PARTS, BAD = 3_000, 4, 97


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    scheme_json = scale_out.SCHEME.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("scale") / "records"
    scale_out.make_dataset(path, ROWS, PARTS, scheme_json, bad_every=BAD)
    single = appraisal.Scheme.from_json(scheme_json).score_arrow(pq.read_table(path))
    return path, scheme_json, single.to_pylist()


def check(got, want):
    assert len(got) == len(want) == ROWS
    bad = [r for r in want if r["status"] == "error"]
    assert len(bad) == ROWS // BAD and bad[0]["errors"] == "unparsable_number at values.attendance"
    assert sum(r["status"] == "complete" for r in want) > ROWS // 2
    for g, w in zip(got, want):
        assert g == w


def test_dask_local_cluster_gives_the_single_process_result(dataset, tmp_path):
    pytest.importorskip("dask.distributed")
    path, scheme_json, want = dataset
    table = scale_out.score_with_dask(path, tmp_path / "out", scheme_json, workers=2)
    got = table.to_pylist()
    check(got, want)
    assert pa.types.is_decimal(table.schema.field("total").type)


@pytest.mark.skipif(shutil.which("java") is None, reason="PySpark needs Java (the test command installs it)")
def test_pyspark_map_in_arrow_gives_the_single_process_result(dataset, tmp_path):
    pytest.importorskip("pyspark")
    path, scheme_json, want = dataset
    table = scale_out.score_with_spark(path, tmp_path / "out", scheme_json)
    assert str(table.schema.field("total").type) == "decimal128(38, 2)"
    check(table.to_pylist(), sorted(want, key=lambda r: r["employee"]))
