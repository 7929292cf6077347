"""The server fixture's rule: skip with the reason when no server can be had, fail instead when
ABC_TUI_PG_REQUIRED=1 (CI), and the cluster helper finds the server programs."""

from __future__ import annotations

import pytest

from tests.pg import conftest
from tests.pg.cluster import Cluster, ClusterError


def test_no_server_skips_with_the_reason(monkeypatch):
    monkeypatch.delenv(conftest.ENV_REQUIRED, raising=False)
    with pytest.raises(pytest.skip.Exception) as out:
        conftest._no_server("initdb is missing")
    assert "initdb is missing" in str(out.value) and conftest.ENV_URL in str(out.value)


def test_no_server_fails_when_required(monkeypatch):
    monkeypatch.setenv(conftest.ENV_REQUIRED, "1")
    with pytest.raises(pytest.fail.Exception) as out:
        conftest._no_server("initdb is missing")
    assert "initdb is missing" in str(out.value)


def test_a_cluster_without_server_programs_says_so(tmp_path):
    with pytest.raises(ClusterError) as out:
        Cluster(bindir=None).start() if Cluster().bindir is None else Cluster(bindir=tmp_path).start()
    assert "initdb" in str(out.value) or "server programs" in str(out.value)
