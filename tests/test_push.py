"""``nhskg push`` when things go wrong: clear one-line errors, and the password never on the
command line. A tiny HTTP server on loopback plays a store that wants a password."""
from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from nhskg.cli import cli
from nhskg.server.launch import free_port
from nhskg.server.push import PushError, Target, update_text


class LockedStore(BaseHTTPRequestHandler):
    """Answers 401 to everyone but user 'kg' with password 's3cret'; records what it saw."""

    seen: list[tuple[str, str | None]] = []

    def _handle(self) -> None:
        auth = self.headers.get("Authorization")
        LockedStore.seen.append((self.command, auth))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if auth != "Basic " + base64.b64encode(b"kg:s3cret").decode():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.end_headers()
            self.wfile.write(b"who are you?")
            return
        self.send_response(500)  # even the right user gets nothing useful: this is not a real store
        self.end_headers()

    do_GET = do_POST = do_PUT = _handle

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def locked_store():
    server = ThreadingHTTPServer(("127.0.0.1", 0), LockedStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    LockedStore.seen = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(5)


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["push", *args], env=env)


def test_wrong_password_is_a_clear_error(locked_store, out_dir):
    result = run("--endpoint", locked_store + "/query", "--user", "kg", "--password-env", "KG_PW",
                 "--out", str(out_dir), env={"KG_PW": "wrong"})
    assert result.exit_code != 0
    assert isinstance(result.exception, PushError)
    assert "401 Unauthorized" in str(result.exception) and "--password-env" in str(result.exception)
    sent = [auth for _, auth in LockedStore.seen]
    assert sent and all(a == "Basic " + base64.b64encode(b"kg:wrong").decode() for a in sent)


def test_password_comes_only_from_the_environment(out_dir):
    result = run("--endpoint", "http://127.0.0.1:9/query", "--user", "kg", "--out", str(out_dir))
    assert result.exit_code != 0 and "--password-env" in str(result.exception)
    result = run("--endpoint", "http://127.0.0.1:9/query", "--user", "kg", "--password-env", "NHSKG_NOT_SET_X",
                 "--out", str(out_dir), env={"NHSKG_NOT_SET_X": None})
    assert result.exit_code != 0 and "NHSKG_NOT_SET_X" in str(result.exception)
    assert "--password" not in [p.opts[0] for p in cli.commands["push"].params]


def test_nothing_listening_is_a_clear_error(out_dir):
    url = f"http://127.0.0.1:{free_port()}/query"
    result = run("--endpoint", url, "--out", str(out_dir))
    assert isinstance(result.exception, PushError)
    assert url in str(result.exception) and "cannot" in str(result.exception)


def test_endpoint_urls_follow_oxigraph_and_fuseki_conventions():
    ox = Target("http://127.0.0.1:7878/query")
    assert ox.store_candidates() == ["http://127.0.0.1:7878/store", "http://127.0.0.1:7878/data"]
    assert ox.update_url() == "http://127.0.0.1:7878/update"
    fuseki = Target("http://localhost:3030/kg/sparql", update="http://localhost:3030/kg/update")
    assert fuseki.store_candidates()[1] == "http://localhost:3030/kg/data"
    assert Target("http://h/q", store="http://h/gsp").store_candidates() == ["http://h/gsp"]


def test_update_text_is_one_request_replacing_each_graph():
    import pyoxigraph as ox
    t = ox.Triple(ox.NamedNode("https://w3id.org/nhskg/id/a"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                  ox.Literal('say "hi"\n', language="en"))
    text = update_text({"https://w3id.org/nhskg/graph/x": [t]}, ["https://w3id.org/nhskg/graph/old"])
    assert text.index("DROP SILENT GRAPH <https://w3id.org/nhskg/graph/old>") < text.index("INSERT DATA")
    assert 'say \\"hi\\"\\n' in text  # literals escaped as N-Triples, never raw
    store = ox.Store()
    store.update(text)
    assert len(store) == 1
