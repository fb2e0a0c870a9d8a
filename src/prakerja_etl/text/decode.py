"""Turn the bytes of a scraped file into text: UTF-8 expected, not guaranteed."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from prakerja_etl.errors import UnreadableInput

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'-be' when the bytes look like UTF-16 text without a BOM (every other byte NUL)."""
    head = data[:4096]
    odd, even = head[1::2], head[0::2]
    if len(head) < 16:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding); raise UnreadableInput for empty or binary data."""
    if not data.strip():
        raise UnreadableInput("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        utf16 = _bomless_utf16(data)
        text, encoding = (data.decode(utf16), utf16) if utf16 else (data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data[:200_000]).best()
        encoding = best.encoding if best is not None else "cp1252"
        text = data.decode(encoding, errors="replace")
    # Text has almost no control characters; a binary file has many.
    sample = text[:20_000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise UnreadableInput("the file looks binary, not text (many control bytes)")
    return text, encoding
