"""The typesetting engine: the only module that imports ``typst``. The PDF guides
(:mod:`mcauthor.pdf`) and the badge images (:mod:`mcauthor.badges`) both use it.

Everything Typst-specific stays here, so the engine can be swapped: callers hand over a
compile root (a folder holding the main ``.typ`` file, ``data.json`` and any images) and
get PDF bytes (or one PNG or SVG per page) or an :class:`EngineError` with a one-line
message.

- Fonts: only the fonts embedded in the typst wheel plus the folders given; the machine's
  fonts are never looked at, so the output does not depend on what is installed.
- Reproducible: the creation date comes from the ``timestamp`` argument, else
  ``SOURCE_DATE_EPOCH``, else a fixed date; the same input gives byte-identical PDFs.
- Accessible: a tagged PDF, and PDF/UA-1 when the document meets it. When the engine
  refuses PDF/UA-1 for a document (a glyph that no font has, say), that document is
  compiled again as a plain tagged PDF instead of failing the build.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

import typst

__all__ = [
    "ENGINE",
    "FIXED_EPOCH",
    "STANDARD",
    "EngineError",
    "compile_images",
    "compile_pdf",
    "conforms",
    "font_families",
    "timestamp",
]

ENGINE = f"typst {getattr(typst, '__version__', '?')}"
STANDARD = "ua-1"  # what we ask for first; see compile_pdf
FIXED_EPOCH = 946_684_800  # 2000-01-01T00:00:00Z: the creation date when nothing sets one

_LOCATION = re.compile(r"┌─\s*(?P<file>[^\n]*?):(?P<line>\d+):(?P<col>\d+)")


class EngineError(Exception):
    """The engine could not make the PDF. ``str()`` is one line."""


def timestamp(epoch: int | None = None) -> int:
    """The creation date in UNIX seconds: ``epoch``, else SOURCE_DATE_EPOCH, else fixed."""
    if epoch is not None:
        return epoch
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return int(value) if value else FIXED_EPOCH
    except ValueError:
        return FIXED_EPOCH


@lru_cache(maxsize=8)
def _fonts(font_paths: tuple[str, ...]) -> typst.Fonts:
    """The font book: embedded fonts plus ``font_paths``; scanned once per process."""
    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=True,
        font_paths=list(font_paths),
    )


def font_families(font_paths: Iterable[Path] = ()) -> list[str]:
    """The font families the engine can use with these extra folders."""
    return sorted(set(_fonts(tuple(str(p) for p in font_paths)).families()))


def _one_line(exc: typst.TypstError, root: Path) -> str:
    """``file:line:col: message (hint)``, with paths relative to the compile root."""
    message = " ".join(str(getattr(exc, "message", "") or exc).split())
    diagnostic = str(getattr(exc, "diagnostic", "") or "")
    found = _LOCATION.search(diagnostic)
    where = ""
    if found:
        file = found.group("file").strip()
        try:
            file = Path(os.path.normpath(Path.cwd() / file)).relative_to(root).as_posix()
        except ValueError:
            file = Path(file).name
        where = f"{file}:{found.group('line')}:{found.group('col')}: "
    hints = [" ".join(str(h).split()) for h in getattr(exc, "hints", None) or []]
    return where + message + (f" (hint: {hints[0]})" if hints else "")


def _compile(
    main: Path, root: Path, fonts: typst.Fonts, standards: Sequence[str], when: int
) -> bytes:
    # Packages: an empty folder for both the local and the downloaded ones, so that no
    # package installed on this machine is read; a download is refused before typst
    # starts (see guides.PACKAGE_IMPORT) and cannot connect anyway (see nonet).
    with tempfile.TemporaryDirectory(prefix="mcauthor-no-packages-") as empty:
        options: dict[str, Any] = {
            "root": root,
            "font_paths": fonts,
            "ignore_system_fonts": True,
            "format": "pdf",
            "pdf_standards": list(standards),
            "timestamp": when,
            "pdf_tags": True,
            "package_path": empty,
            "package_cache_path": empty,
        }
        data = typst.compile(main, **options)
    if not isinstance(data, bytes):  # one output for PDF; a list only for paged images
        raise EngineError("the engine returned no PDF")
    return data


def compile_pdf(
    root: Path,
    main: str,
    *,
    font_paths: Sequence[Path] = (),
    epoch: int | None = None,
    standards: Sequence[str] = (STANDARD,),
    strict: bool = False,
) -> bytes:
    """Compile ``root/main`` into PDF bytes.

    ``root`` bounds what the document can read: nothing outside it is reachable.
    ``standards`` are asked for first; if the engine refuses them for this document, the
    document is compiled again without them (``strict=True`` raises instead).
    """
    root = root.resolve()
    fonts = _fonts(tuple(str(Path(p).resolve()) for p in font_paths))
    when = timestamp(epoch)
    try:
        return _compile(root / main, root, fonts, standards, when)
    except typst.TypstError as exc:
        if strict or not standards:
            raise EngineError(_one_line(exc, root)) from None
    try:
        return _compile(root / main, root, fonts, (), when)
    except typst.TypstError as exc:
        raise EngineError(_one_line(exc, root)) from None


def conforms(root: Path, main: str, *, font_paths: Sequence[Path] = ()) -> str | None:
    """None if ``root/main`` compiles as PDF/UA-1; else the engine's one-line reason."""
    try:
        compile_pdf(root, main, font_paths=font_paths, strict=True)
    except EngineError as exc:
        return str(exc)
    return None


def compile_images(
    source: bytes,
    image_format: Literal["png", "svg"],
    *,
    data: str,
    font_paths: Sequence[Path] = (),
    ppi: int = 300,
) -> list[bytes]:
    """Compile the Typst ``source`` into one image per page: ``png`` (at ``ppi``) or
    ``svg``. ``data`` (JSON text) is the document's only input, as ``sys.inputs.data``:
    nothing is written to disk and no file is read but the fonts."""
    fonts = _fonts(tuple(str(Path(p).resolve()) for p in font_paths))
    with tempfile.TemporaryDirectory(prefix="mcauthor-no-packages-") as empty:
        try:
            pages = typst.compile(
                cast(Any, source),  # bytes, with a folder as root: the stubs want one type
                root=empty,
                font_paths=fonts,
                ignore_system_fonts=True,
                format=image_format,
                ppi=ppi if image_format == "png" else None,
                sys_inputs={"data": data},
                package_path=empty,
                package_cache_path=empty,
            )
        except typst.TypstError as exc:
            raise EngineError(" ".join(str(getattr(exc, "message", "") or exc).split())) from None
    if isinstance(pages, bytes):  # one page
        return [pages]
    return [bytes(page) for page in pages]
