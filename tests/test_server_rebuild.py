"""A rebuild while ``nhskg serve`` runs: the build folder it opened is deleted by ``publish``; the
server must notice the new ``current`` and keep answering from it (pages and SPARQL workers)."""
from __future__ import annotations

import shutil
import time

from nhskg.graph.store import current_build, publish
from nhskg.server.launch import start_serve


def test_server_follows_a_rebuild(tmp_path, out_dir):
    first = tmp_path / "builds" / "20000101T000000-1"
    shutil.copytree(current_build(out_dir), first)
    publish(tmp_path, first)
    with start_serve(tmp_path) as server:
        assert first.name.encode() in server.request("GET", "/")[2]
        assert server.request("GET", "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D")[0] == 200
        second = tmp_path / "builds" / "20000101T000001-1"
        shutil.copytree(first, second)
        (first / "build.json").touch()
        publish(tmp_path, second)  # points current at the copy and deletes the first build
        assert not first.exists()
        deadline = time.monotonic() + 15
        while second.name.encode() not in server.request("GET", "/")[2]:
            assert time.monotonic() < deadline, "the server did not pick up the new build"
            time.sleep(0.5)
        assert server.request("GET", "/id/nhs-england.html")[0] == 200
        assert server.request("GET", "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D")[0] == 200
        assert server.request("GET", "/queries/entities-by-kind.csv")[0] == 200
