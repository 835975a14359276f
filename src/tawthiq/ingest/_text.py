"""Bytes to text, and text to a language code. Pure.

In: the bytes of a file. Out: the decoded text (newlines normalised to ``\\n``) and the
encoding name; an ``ar``/``en``/``und`` language code for a text.
Never: guesses silently on corrupt UTF-8: a file that is UTF-8 apart from a few bad bytes,
or ASCII with a handful of stray high bytes (too few to tell any encoding from), is refused
with the offset and line of the first bad byte, instead of being read as mojibake (issue 21:
ASCII plus one 0xFF was stored with a '˙'). The original bytes stay evidence either way.

Encodings: a BOM decides (UTF-8, UTF-16); then strict UTF-8; then charset-normalizer
(which recognises Windows-1256 Arabic and BOM-less UTF-16); bytes it cannot read as text
at all (binaries) are refused.

Language: a script ratio rather than a statistical model, because we need Arabic vs English,
which the script alone decides, deterministically, on short chat messages too, and with no
model to download. Latin script counts as English only with English function words in it;
other Latin-script text is ``und`` (undetermined) rather than a wrong guess.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from tawthiq.errors import EncodingError
from tawthiq.text.language import EN_FUNCTION_WORDS, latin_words

__all__ = ["decode_text", "detect_language"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# Fewer non-ASCII bytes than this and a legacy encoding cannot be told from a stray byte:
# an Arabic word in Windows-1256 is already 3 or more, a corrupted ASCII file has one or two.
_MIN_LEGACY_BYTES = 8
_ASCII = bytes(range(128))


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _no_nul(text: str, encoding: str, data: bytes, path: str) -> tuple[str, str]:
    """NUL is no character of a text (and PostgreSQL cannot store it): a binary file, or UTF-16
    without its byte-order mark read as UTF-8."""
    at = text.find("\x00")
    if at < 0:
        return text, encoding
    utf8 = encoding == "utf-8"
    where = data.find(b"\x00") if utf8 else at
    raise EncodingError(
        f"NUL byte at {'byte' if utf8 else 'character'} {where}: not text "
        "(a binary file, or UTF-16 without its byte-order mark)",
        path=path,
        line=_line_of(data, where) if utf8 else text.count("\n", 0, at) + 1,
    )


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding). Raises :class:`EncodingError` naming the file, line and byte offset."""
    text, encoding = _decode_text(data, path)
    return _no_nul(text, encoding, data, path)


def _decode_text(data: bytes, path: str) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(enc)), enc
            except UnicodeDecodeError as e:
                raise EncodingError(
                    f"starts with a {enc} byte-order mark but byte {e.start} is not valid {enc}",
                    path=path,
                    line=_line_of(data, e.start),
                ) from None
    try:
        return _normalise(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as e:
        first_bad = e.start
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if good >= 10 * bad:  # UTF-8 with a few corrupt bytes: refuse rather than misread
        raise EncodingError(
            f"invalid UTF-8: byte {first_bad} (0x{data[first_bad]:02x}) is not valid UTF-8 "
            f"({bad} bad byte sequence(s) in a UTF-8 text)",
            path=path,
            line=_line_of(data, first_bad),
        )
    high = len(data.translate(None, _ASCII))  # the non-ASCII bytes
    if 0 < high < _MIN_LEGACY_BYTES and b"\x00" not in data[:8192]:
        raise EncodingError(
            f"invalid UTF-8: byte {first_bad} (0x{data[first_bad]:02x}) is not valid UTF-8, and "
            f"the file is ASCII apart from {high} such byte(s), too few to tell another encoding: "
            "a stray byte, or save the file as UTF-8",
            path=path,
            line=_line_of(data, first_bad),
        )
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        nul = b"\x00" in data[:8192]
        raise EncodingError(
            "not a text file (binary content)"
            if nul
            else "not text in any encoding we read (UTF-8, UTF-16, Windows-1256)",
            path=path,
        )
    return _normalise(str(best)), best.encoding


_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


def detect_language(text: str) -> str | None:
    """``ar``, ``en``, ``und`` (letters, but neither), or None (no letters at all)."""
    arabic = len(_ARABIC.findall(text))
    latin = len(_LATIN.findall(text))
    if arabic + latin == 0:
        return None
    if arabic >= latin:
        return "ar"
    words = latin_words(text)
    hits = sum(1 for w in words if w in EN_FUNCTION_WORDS)
    return "en" if words and (hits / len(words) >= 0.08 or (len(words) < 8 and hits)) else "und"
