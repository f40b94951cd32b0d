"""Ingesting, re-ingesting and removing documents: atomic, bad input refused clearly, nothing lost."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from nhskg.errors import InputError
from nhskg.loaders import ingest as ing
from nhskg.loaders.documents import read_document
from nhskg.namespaces import extracted_graph

DOC = ("Sir Chris Ham said: “The 2012 Act must go.” NHS England and the CCGs agree that section 75 of the "
       "2012 Act should be repealed, as the next steps document (2.40) proposes for around 700,000 people in Dorset.\n")


@pytest.fixture(scope="module")
def base():
    from nhskg.graph.ontology import entity_kinds
    from nhskg.loaders.facts import load_factbase
    from nhskg.paths import FACTS_DIR
    return load_factbase(FACTS_DIR, set(entity_kinds()))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, corpus_dir) -> Path:
    """One real build (no exports, for speed) that each test copies."""
    from nhskg.graph.build import build
    out = tmp_path_factory.mktemp("ingest-base")
    build(out, corpus_dir, exports=())
    return out


@pytest.fixture()
def out(pristine, tmp_path) -> Path:
    dest = tmp_path / "kg"
    shutil.copytree(pristine, dest, symlinks=True)
    return dest


def snapshot(out: Path) -> list[str]:
    from nhskg.graph.store import open_store
    store = open_store(out)
    return sorted(str(q) for q in store)


def graph_size(out: Path, source_id: str) -> int:
    from nhskg.graph.store import open_store
    return len(list(open_store(out).quads_for_pattern(None, None, None, ox.NamedNode(str(extracted_graph(source_id))))))


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_ingest_reingest_and_remove(out, base, tmp_path) -> None:
    before = snapshot(out)
    f = write(tmp_path, "note.txt", DOC)
    res = ing.ingest(out, [f], base, title="A note", date="2021-03")
    assert res.added == ["doc-note"] and res.items["doc-note"] >= 8
    size = graph_size(out, "doc-note")
    assert size > 50
    again = ing.ingest(out, [f], base, title="A note", date="2021-03")
    assert again.replaced == ["doc-note"] and graph_size(out, "doc-note") == size  # replaced, not doubled
    assert [d.source_id for d in ing.registered(out)] == ["doc-note"]
    ing.remove(out, ["doc-note"])
    assert graph_size(out, "doc-note") == 0 and ing.registered(out) == []
    assert snapshot(out) == before  # everything it added is gone, nothing else changed


def test_ingested_document_survives_a_rebuild(out, base, tmp_path, corpus_dir) -> None:
    from nhskg.graph.build import build
    ing.ingest(out, [write(tmp_path, "note.txt", DOC)], base)
    size = graph_size(out, "doc-note")
    build(out, corpus_dir, exports=())
    assert graph_size(out, "doc-note") == size
    assert [d.source_id for d in ing.registered(out)] == ["doc-note"]


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file"),
    ("nul.txt", b"text\x00\x01\x02\x03" * 400, "binary file"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "PDF"),
    ("notes.html", b"just words, no markup at all", "not HTML"),
    ("empty.html", b"<html><body><script>x()</script></body></html>", "no text"),
])
def test_bad_input_is_refused_clearly_and_changes_nothing(out, base, tmp_path, name, data, message) -> None:
    before = snapshot(out)
    f = write(tmp_path, name, data)
    with pytest.raises(InputError, match=message) as err:
        ing.ingest(out, [f], base)
    assert name in str(err.value)  # the error names the file
    assert snapshot(out) == before


def test_one_bad_file_stops_the_whole_ingest(out, base, tmp_path) -> None:
    before = snapshot(out)
    good, bad = write(tmp_path, "good.txt", DOC), write(tmp_path, "bad.txt", b"")
    with pytest.raises(InputError, match="bad.txt"):
        ing.ingest(out, [good, bad], base)
    assert snapshot(out) == before and ing.registered(out) == []


def test_size_limit_and_a_real_100_mb_file(out, base, tmp_path) -> None:
    small = write(tmp_path, "small.txt", DOC * 50)
    with pytest.raises(InputError, match=r"small.txt: file is \d+\.\d KB, over the 1000 bytes limit"):
        read_document(small, max_bytes=1000)
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:   # 100 MB, written for real
        block = (DOC * 200).encode("utf-8")
        while fh.tell() < 100 * 1024 * 1024:
            fh.write(block)
    before = snapshot(out)
    with pytest.raises(InputError, match=r"huge.txt: file is 10\d\.\d MB, over the 20\.0 MB limit"):
        ing.ingest(out, [huge], base)
    assert snapshot(out) == before


def test_cp1252_and_utf16_are_decoded_correctly(tmp_path) -> None:
    words = "Café – “Sir Chris Ham” said £5m"
    cp = read_document(write(tmp_path, "win.txt", words.encode("cp1252")))
    assert cp.text == words and cp.encoding == "cp1252" and cp.notes == ["decoded as cp1252"]
    u16 = read_document(write(tmp_path, "u16.txt", words.encode("utf-16")))
    assert u16.text == words and u16.encoding == "utf-16"
    u16le = read_document(write(tmp_path, "u16le.txt", (words * 20).encode("utf-16-le")))
    assert u16le.text == words * 20 and u16le.encoding == "utf-16-le"
    bom8 = read_document(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + words.encode("utf-8")))
    assert bom8.text == words


def test_html_and_pdf_with_their_metadata(tmp_path) -> None:
    html = read_document(write(tmp_path, "page.html", (
        "<!doctype html><html><head><title>ICS news</title><meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2021-02-03T10:00'></head><body><nav>menu</nav>"
        "<p>Sir Chris Ham said “no”.</p><script>var a;</script></body></html>")))
    assert html.title == "ICS news" and html.authors == ["Jane Doe"] and html.date == "2021-02-03"
    assert "Sir Chris Ham said “no”." in html.text and "var a" not in html.text and "menu" not in html.text
    pdf = read_document(write(tmp_path, "paper.pdf", minimal_pdf("NHS England and the CCGs (2.40)", "A paper")))
    assert "NHS England and the CCGs" in pdf.text and pdf.title == "A paper" and pdf.media_type == "application/pdf"


def test_interrupted_ingest_leaves_the_store_as_it_was(out, base, tmp_path, monkeypatch) -> None:
    before = snapshot(out)
    builds_before = sorted(p.name for p in (out / "builds").iterdir())
    for stage in ("copied", "document-added", "loaded", "before-publish"):
        def boom(s: str, stage=stage) -> None:
            if s == stage:
                raise KeyboardInterrupt(f"simulated interruption at {stage}")
        monkeypatch.setattr(ing, "checkpoint", boom)
        with pytest.raises(KeyboardInterrupt):
            ing.ingest(out, [write(tmp_path, "note.txt", DOC)], base)
        assert snapshot(out) == before, stage
        assert sorted(p.name for p in (out / "builds").iterdir()) == builds_before  # half-made folder removed
        assert ing.registered(out) == []


def test_remove_unknown_source_is_a_clear_error(out) -> None:
    with pytest.raises(InputError, match="no ingested document 'nope'"):
        ing.remove(out, ["nope"])


def test_cli_ingest_review_reject_and_promote(out, tmp_path, corpus_dir) -> None:
    from nhskg.cli import cli
    from nhskg.paths import FACTS_DIR
    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts, ignore=shutil.ignore_patterns("__pycache__", "promoted.yaml",
                                                                     "review-decisions.yaml"))
    runner = CliRunner()
    f = write(tmp_path, "note.txt", DOC)
    r = runner.invoke(cli, ["ingest", str(f), "--out", str(out), "--facts", str(facts), "-q"])
    assert r.exit_code == 0, r.output
    assert "added doc-note" in r.output
    r = runner.invoke(cli, ["review", "doc-note", "--out", str(out), "--facts", str(facts)])
    assert r.exit_code == 0 and "Sir Chris Ham" in r.output and "[" in r.output
    first = r.output.split()[0]
    r = runner.invoke(cli, ["review", "reject", first, "--out", str(out), "--facts", str(facts)])
    assert r.exit_code == 0 and "rejected" in r.output
    r = runner.invoke(cli, ["review", "doc-note", "--out", str(out), "--facts", str(facts)])
    assert first not in r.output
    # promote a quotation from a corpus document: it lands in statements/promoted.yaml with its evidence
    r = runner.invoke(cli, ["review", "kings-fund-ham-keynote-2018", "--out", str(out), "--facts", str(facts)])
    r = runner.invoke(cli, ["review", "hsj-ham-exit-interview", "--extractor", "quotations", "--out", str(out),
                            "--facts", str(facts)])
    qid = r.output.split()[0]
    r = runner.invoke(cli, ["review", "promote", qid, "--out", str(out), "--facts", str(facts)])
    assert r.exit_code == 0, r.output
    promoted = (facts / "statements" / "promoted.yaml").read_text(encoding="utf-8")
    assert "type: quote" in promoted and "speaker: chris-ham" in promoted and "start:" in promoted
    from nhskg.graph.ontology import entity_kinds
    from nhskg.loaders.corpus import Corpus
    from nhskg.loaders.facts import load_factbase
    from nhskg.loaders.verify import check_evidence
    check_evidence(load_factbase(facts, set(entity_kinds())), Corpus(corpus_dir))  # the quote is verbatim at its offset
    r = runner.invoke(cli, ["remove", "doc-note", "--out", str(out)])
    assert r.exit_code == 0 and "removed doc-note" in r.output


def minimal_pdf(text: str, title: str) -> bytes:
    """A one-page PDF with ``text`` in Helvetica (enough for a PDF text library to read)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            f"<< /Title ({title}) >>".encode("latin-1")]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
