"""Report fonts (글꼴): names for DOCX, installed Hangul fonts for PDF and the chart.

DOCX only names fonts (Word or Hangul draws them on the reader's machine), so the defaults are
the ones a Hangul user has: 휴먼명조 (body), HY헤드라인M (titles), 맑은 고딕 (notes, tables).
PDF and the chart draw glyphs here, so they need installed fonts that cover Hangul; they are
found with fontconfig (``fc-list :lang=ko``), Nanum by default. Without one we stop rather than
print missing glyphs (□ boxes).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass

from .._errors import EvalkitError

INSTALL_HINT = (
    "install Korean fonts, e.g. `sudo apt-get install fonts-nanum` (Debian/Ubuntu) "
    "or `sudo dnf install google-nanum-fonts`, then run `fc-cache -f`"
)


@dataclass(frozen=True, slots=True)
class ReportFonts:
    """Font family names of a report.

    ``body`` is the 명조 of the text, ``heading`` the heavy 고딕 of titles and headings,
    ``note`` the 고딕 of ※ notes, footnotes and tables. ``heading_bold`` asks for the bold
    face of the heading family (for a family like NanumSquare whose regular face is light).
    """

    body: str = "휴먼명조"
    heading: str = "HY헤드라인M"
    note: str = "맑은 고딕"
    heading_bold: bool = False

    @classmethod
    def docx_default(cls) -> ReportFonts:
        """휴먼명조 / HY헤드라인M / 맑은 고딕, as a Hangul (HWP) user has them."""
        return cls()

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.body, self.heading, self.note)))


@dataclass(frozen=True, slots=True)
class FontFace:
    """One installed font file that covers Hangul."""

    file: str
    families: tuple[str, ...]
    styles: tuple[str, ...]

    @property
    def bold(self) -> bool:
        return any(s.lower() in ("bold", "extrabold", "heavy", "black") for s in self.styles)

    @property
    def regular(self) -> bool:
        return any(s.lower() in ("regular", "book", "normal") for s in self.styles)


# Preference orders (first installed wins); fonts-nanum provides the first of each.
_BODY = ("NanumMyeongjo", "Noto Serif CJK KR", "Noto Serif KR", "UnBatang", "Baekmuk Batang")
_HEADING = (
    "NanumSquare",
    "NanumGothic ExtraBold",
    "NanumGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "NanumBarunGothic",
    "UnDotum",
)
_NOTE = (
    "NanumGothic",
    "NanumBarunGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "UnDotum",
    "Baekmuk Gulim",
)


def _parse_fc_list(text: str) -> tuple[FontFace, ...]:
    faces: list[FontFace] = []
    for line in text.splitlines():
        path, sep, rest = line.partition(": ")
        if not sep:
            continue
        fams, _, style = rest.partition(":style=")
        families = tuple(f.strip() for f in fams.split(",") if f.strip())
        styles = tuple(s.strip() for s in style.split(",") if s.strip())
        if families:
            faces.append(FontFace(path.strip(), families, styles))
    return tuple(sorted(faces, key=lambda f: f.file))


@functools.cache
def hangul_faces() -> tuple[FontFace, ...]:
    """Installed font files that cover Korean (``fc-list :lang=ko``), sorted by path."""
    exe = shutil.which("fc-list")
    if exe is None:
        return ()
    try:
        out = subprocess.run(
            [exe, ":lang=ko", "family", "style", "file"],
            check=True,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    return _parse_fc_list(out)


def _has(faces: tuple[FontFace, ...], family: str) -> bool:
    want = family.casefold()
    return any(want == f.casefold() for face in faces for f in face.families)


def _pick(faces: tuple[FontFace, ...], preferred: tuple[str, ...]) -> str | None:
    for fam in preferred:
        if _has(faces, fam):
            return fam
    return None


def _no_fonts_error(what: str) -> EvalkitError:
    if shutil.which("fc-list") is None:
        return EvalkitError(
            f"{what} needs a font that covers Hangul (한글), and fontconfig "
            "(fc-list) is not installed to find one; install fontconfig and "
            f"Korean fonts: {INSTALL_HINT}"
        )
    return EvalkitError(
        f"no installed font covers Hangul (한글); {what} would print missing glyphs. {INSTALL_HINT}"
    )


def pdf_fonts(requested: ReportFonts | None = None) -> ReportFonts:
    """The fonts a PDF uses: ``requested`` (checked to cover Hangul) or Nanum-first defaults.

    Raises:
        EvalkitError: no installed font covers Hangul, or a requested family is not installed
            as a Hangul font; the message says how to install one.
    """
    faces = hangul_faces()
    if not faces:
        raise _no_fonts_error("the PDF report")
    if requested is not None:
        missing = [f for f in requested.families if not _has(faces, f)]
        if missing:
            have = sorted({face.families[0] for face in faces})
            raise EvalkitError(
                f"font(s) {', '.join(missing)} are not installed or do not cover Hangul; use "
                f"installed Korean fonts ({', '.join(have[:8])}) or {INSTALL_HINT}"
            )
        return requested
    any_family = faces[0].families[0]
    body = _pick(faces, _BODY) or _pick(faces, _NOTE) or any_family
    heading = _pick(faces, _HEADING) or body
    note = _pick(faces, _NOTE) or body
    return ReportFonts(body=body, heading=heading, note=note, heading_bold=True)


def chart_font_file(family: str | None = None) -> str:
    """Path of a regular-weight Hangul font for the chart (``family`` if installed).

    Raises:
        EvalkitError: when no installed font covers Hangul.
    """
    faces = hangul_faces()
    if not faces:
        raise _no_fonts_error("the grade chart")
    order = ((family,) if family else ()) + _NOTE + _HEADING + _BODY
    for fam in order:
        matches = [f for f in faces if fam.casefold() in (x.casefold() for x in f.families)]
        if matches:
            regular = [f for f in matches if f.regular and not f.bold]
            return (regular or matches)[0].file
    return faces[0].file
