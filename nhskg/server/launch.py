"""Starting and stopping servers on loopback: ``nhskg serve`` and Oxigraph's own server.

Used by the tests and the load benchmark. Every server started here is a child process that
the caller stops by its process id (``stop()``, or leaving the ``with`` block); waiting is
bounded, so a server that never comes up fails fast with its log instead of hanging.
"""
from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary the ``oxigraph`` PyPI package installs beside this Python."""
    here = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise FileNotFoundError("the oxigraph server is not installed: pip install oxigraph==0.5.13")
    return found


class ServerProcess:
    """A server child process with its log file; a context manager that stops it."""

    def __init__(self, args: list[str], url: str, probe: str, env: dict[str, str] | None = None) -> None:
        self.url = url.rstrip("/")
        self.log = tempfile.NamedTemporaryFile(prefix="nhskg-server-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)  # its own group: its workers stop with it
        self.pid = self.proc.pid
        self._probe = probe

    def wait_ready(self, timeout: float = 30.0) -> "ServerProcess":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.read_log()}")
            try:
                with urllib.request.urlopen(self.url + self._probe, timeout=2) as resp:
                    if resp.status < 500:
                        return self
            except urllib.error.HTTPError as exc:
                if exc.code < 500:
                    return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"server at {self.url} did not answer within {timeout:g} s:\n{self.read_log()}")

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None, timeout: float = 30.0) -> tuple[int, dict[str, str], bytes]:
        """One HTTP request to this server, redirects not followed: (status, headers with
        lower-case names, body). ``path`` goes on the wire as given (no normalisation)."""
        parts = urlsplit(self.url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        try:
            data = body.encode("utf-8") if isinstance(body, str) else body
            conn.request(method, path, body=data, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def read_log(self) -> str:
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM to the server's process group (its own id), then SIGKILL if it lingers."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)
                self.proc.wait(timeout)
        try:  # worker processes of the group that outlived their parent
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)

    def __enter__(self) -> "ServerProcess":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_serve(out: Path, port: int | None = None, *extra: str, ready_timeout: float = 60.0) -> ServerProcess:
    """``nhskg serve`` (on its default address, 127.0.0.1) over the build in ``out``, ready to answer."""
    port = port or free_port()
    # no --host: the default must be loopback (the tests check the listening socket)
    args = [sys.executable, "-m", "nhskg", "serve", "--port", str(port), "--out", str(out), *extra]
    return ServerProcess(args, f"http://127.0.0.1:{port}", "/search").wait_ready(ready_timeout)


def start_oxigraph(location: Path, port: int | None = None, *, union_default_graph: bool = True,
                   ready_timeout: float = 30.0) -> ServerProcess:
    """``oxigraph serve`` on 127.0.0.1 with its database in ``location``, ready to answer."""
    port = port or free_port()
    args = [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        args.append("--union-default-graph")
    return ServerProcess(args, f"http://127.0.0.1:{port}", "/query?query=ASK%7B%7D").wait_ready(ready_timeout)
