"""Reading a document a researcher hands us: plain text, HTML or PDF, with its metadata.

Every failure is one ``InputError`` naming the file, raised before anything is written:
an empty file, a binary one, one over the size limit, an HTML page with no text, a PDF that cannot
be parsed or is encrypted or holds no text. Text is decoded by these rules, and the rule used is
recorded in ``Document.encoding``:

1. a byte-order mark says UTF-8, UTF-16 or UTF-32;
2. otherwise, NUL bytes mean binary (UTF-16 without a BOM is also recognised by its zero bytes);
3. otherwise strict UTF-8;
4. otherwise Windows-1252 (the usual "smart quotes from Word" file), if every byte is defined there
   and control characters are rare; the decode is announced, not silent.

Offsets of extracted items refer to ``Document.text``, which is stored with the ingested document.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from nhskg.errors import InputError

#: Largest file read, in bytes (override with $NHSKG_MAX_DOCUMENT_MB or ``max_bytes``).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
_MAGIC = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)", b"\x1f\x8b": "a gzip archive",
          b"\x7fELF": "an executable", b"%PDF": "a PDF", b"\xd0\xcf\x11\xe0": "an old Office document"}
_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


@dataclass
class Document:
    """A decoded document and what is known about it."""

    source_id: str
    text: str
    file_name: str
    media_type: str              # text/plain, text/html or application/pdf
    encoding: str                # how the bytes became text (see the module docstring)
    sha256: str                  # of the file's bytes
    size: int                    # bytes
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)

    def meta(self) -> dict:
        d = asdict(self)
        d.pop("text")
        return d


def max_bytes_default() -> int:
    env = os.environ.get("NHSKG_MAX_DOCUMENT_MB")
    return int(float(env) * 1024 * 1024) if env else DEFAULT_MAX_BYTES


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} bytes"


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:60].strip("-") or "document"


def read_document(path: Path, *, source_id: str | None = None, max_bytes: int | None = None,
                  title: str | None = None, date: str | None = None, authors: list[str] | None = None,
                  publisher: str | None = None, url: str | None = None) -> Document:
    """Read and decode ``path``; options fill in metadata the file does not carry."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise InputError("no such file", path=where)
    limit = max_bytes if max_bytes is not None else max_bytes_default()
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"file is {human_size(size)}, over the {human_size(limit)} limit for one document "
                         "(set NHSKG_MAX_DOCUMENT_MB or --max-mb to raise it)", path=where)
    data = path.read_bytes()
    if not data.strip():
        raise InputError("empty file: nothing to extract", path=where)
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF"):
        text, meta, enc, mtype = *_pdf(data, where), "pdf-text", "application/pdf"
    elif suffix in HTML_SUFFIXES or _looks_html(data):
        raw, enc = decode(data, where)
        text, meta = _html(raw, where)
        mtype = "text/html"
    else:
        text, enc = decode(data, where)
        meta, mtype = {}, "text/plain"
    if not text.strip():
        raise InputError("no text in the file", path=where)
    doc = Document(source_id=source_id or slug(path.stem), text=text, file_name=path.name, media_type=mtype,
                   encoding=enc, sha256=hashlib.sha256(data).hexdigest(), size=size,
                   title=title or meta.get("title") or path.stem, date=date or meta.get("date"),
                   authors=list(authors or meta.get("authors") or []), publisher=publisher or meta.get("publisher"),
                   url=url or meta.get("url"))
    if enc not in {"utf-8", "pdf-text"}:
        doc.notes.append(f"decoded as {enc}")
    return doc


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Bytes -> (text, encoding used), by the rules in the module docstring."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {enc} byte-order mark but is not valid {enc} "
                                 f"(byte {exc.start})", path=where) from exc
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text", path=where)
    if b"\x00" in data[:4096]:
        utf16 = _bomless_utf16(data)
        if utf16:
            return utf16
        raise InputError("binary file (it contains NUL bytes), not text", path=where)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if any(b in _CP1252_UNDEFINED for b in data):
        raise InputError(f"not UTF-8 (invalid byte at {utf8_error.start}) and not Windows-1252 either: "
                         "binary or an unknown encoding", path=where)
    text = data.decode("cp1252")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise InputError("binary file (too many control characters), not text", path=where)
    return text, "cp1252"


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    enc = "utf-16-le" if odd > 0.4 * half and even < 0.05 * half else \
        "utf-16-be" if even > 0.4 * half and odd < 0.05 * half else None
    if enc is None:
        return None
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError:
        return None


def _looks_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _html(raw: str, where: str) -> tuple[str, dict]:
    from bs4 import BeautifulSoup

    if not re.search(r"<\s*[a-zA-Z!]", raw):
        raise InputError("not HTML: no tags found", path=where)
    try:
        soup = BeautifulSoup(raw, "html.parser")
    except Exception as exc:  # noqa: BLE001 - html.parser raises a variety of errors on garbage
        raise InputError(f"cannot parse the HTML: {exc}", path=where) from exc
    meta: dict = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()

    def content(*names: str) -> str | None:
        for n in names:
            tag = soup.find("meta", attrs={"name": n}) or soup.find("meta", attrs={"property": n})
            if tag and tag.get("content"):
                return str(tag["content"]).strip()
        return None

    meta["title"] = content("og:title", "dc.title", "DC.title") or meta.get("title")
    date = content("article:published_time", "date", "dc.date", "DC.date", "citation_publication_date")
    if date and re.match(r"\d{4}(-\d{2}(-\d{2})?)?", date):
        meta["date"] = re.match(r"\d{4}(-\d{2}(-\d{2})?)?", date).group(0)
    author = content("author", "dc.creator", "DC.creator", "citation_author")
    if author:
        meta["authors"] = [a.strip() for a in re.split(r";|,| and ", author) if a.strip()]
    meta["publisher"] = content("og:site_name", "dc.publisher", "DC.publisher")
    canonical = soup.find("link", rel="canonical")
    meta["url"] = content("og:url") or (canonical.get("href") if canonical else None)
    for tag in soup(["script", "style", "noscript", "template", "head", "nav", "footer"]):
        tag.decompose()
    body = soup.body or soup
    blocks = []
    for line in body.get_text("\n").splitlines():
        line = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        if line:
            blocks.append(line)
    text = "\n\n".join(blocks)
    if not text:
        raise InputError("HTML page has no text in its body", path=where)
    return text, meta


def _pdf(data: bytes, where: str) -> tuple[str, dict]:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InputError("PDF is encrypted: decrypt it first", path=where)
        pages = [(page.extract_text() or "") for page in reader.pages]
        info = reader.metadata or {}
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise InputError(f"cannot parse the PDF: {exc}", path=where) from exc
    text = "\n\n".join(p.strip("\n") for p in pages if p.strip())
    if not text.strip():
        raise InputError(f"PDF has no extractable text ({len(pages)} page(s); a scan needs OCR first)", path=where)
    meta: dict = {}
    if info.get("/Title"):
        meta["title"] = str(info["/Title"]).strip()
    if info.get("/Author"):
        meta["authors"] = [a.strip() for a in re.split(r";| and ", str(info["/Author"])) if a.strip()]
    created = str(info.get("/CreationDate") or "")
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", created)
    if m:
        meta["date"] = "-".join(g for g in m.groups() if g)
    return text, meta
