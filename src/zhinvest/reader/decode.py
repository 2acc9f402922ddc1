"""Bytes to text: BOMs, UTF-16 without BOM, UTF-8, GB18030/GBK and Big5, binary refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import Errors, InputError

#: How many leading bytes decide whether the data is binary.
BINARY_PROBE = 8192
#: Encodings tried for non-UTF-8 Chinese text, in charset-normalizer's judgement.
CHINESE_ENCODINGS = ["gb18030", "big5", "utf_16_le", "utf_16_be"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27))


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode article bytes, or raise :class:`InputError` with a one-line reason."""
    if not data:
        return ""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    utf16 = _utf16_without_bom(data[:BINARY_PROBE])
    if utf16:
        return data.decode(utf16, errors="replace")
    probe = data[:BINARY_PROBE]
    if b"\x00" in probe or sum(probe.count(bytes([c])) for c in _CONTROL) > len(probe) // 20:
        raise InputError(Errors.E003.format(name=name, probe=BINARY_PROBE))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    chinese = _gb_or_big5(data)
    if chinese is not None:
        return data.decode(chinese, errors="replace")
    best = from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        raise InputError(Errors.E004.format(name=name))
    return str(best)


def detect_encoding(probe: bytes, name: str = "<bytes>") -> tuple[str, int]:
    """The encoding of a file from its first bytes, and the length of its BOM: for reading
    a large file incrementally. ``probe`` may end inside a character. Raises
    :class:`InputError` for binary data."""
    for bom, encoding in _BOMS:
        if probe.startswith(bom):
            return encoding, len(bom)
    utf16 = _utf16_without_bom(probe[:BINARY_PROBE])
    if utf16:
        return utf16, 0
    head = probe[:BINARY_PROBE]
    if b"\x00" in head or sum(head.count(bytes([c])) for c in _CONTROL) > len(head) // 20:
        raise InputError(Errors.E003.format(name=name, probe=BINARY_PROBE))
    try:
        codecs.getincrementaldecoder("utf-8")().decode(probe, final=False)
        return "utf-8", 0
    except UnicodeDecodeError:
        pass
    chinese = _gb_or_big5(probe)
    if chinese is not None:
        return chinese, 0
    best = from_bytes(probe, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        raise InputError(Errors.E004.format(name=name))
    return best.encoding, 0


#: Each standard puts its most frequent characters first: GB2312 level 1 (3,755 characters)
#: has lead bytes 0xB0–0xD7, Big5's frequent characters (5,401) lead bytes 0xA4–0xC6.
_FREQUENT = {"gb18030": ("gb2312", 0xB0, 0xD7), "big5": ("big5", 0xA4, 0xC6)}


def _gb_or_big5(data: bytes, probe: int = 65536) -> str | None:
    """GB18030 or Big5, whichever decodes strictly with more of its frequent characters.

    Statistical detectors are unreliable on short Chinese texts (a few characters of GBK
    read as Big5 equally well); the share of characters in each standard's frequent block
    tells them apart.
    """
    head = data[:probe]
    scores: dict[str, float] = {}
    for encoding, (table, low, high) in _FREQUENT.items():
        try:
            text = head.decode(encoding) if len(data) <= probe else head.decode(encoding, errors="ignore")
        except UnicodeDecodeError:
            continue
        wide = [ch for ch in text if ord(ch) > 127]
        if not wide:
            continue
        hits = 0
        for ch in wide:
            try:
                encoded = ch.encode(table)
            except UnicodeEncodeError:
                continue
            hits += len(encoded) == 2 and low <= encoded[0] <= high
        scores[encoding] = hits / len(wide)
    if not scores:
        return None
    best = max(scores, key=lambda e: (scores[e], e == "gb18030"))
    return best if scores[best] >= 0.5 else None


def _utf16_without_bom(probe: bytes) -> str | None:
    """Guess UTF-16 without BOM: text with NUL bytes that decodes, in one byte order, to
    mostly printable characters of common scripts."""
    if len(probe) < 4 or b"\x00" not in probe:
        return None
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = probe[: len(probe) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        score = sum(_plausible(ch) for ch in text) / max(len(text), 1)
        if score > best_score:
            best, best_score = encoding, score
    return best if best_score >= 0.95 else None


def _plausible(ch: str) -> bool:
    """ASCII text, Latin letters with accents (pinyin), CJK ideographs, CJK and full-width punctuation."""
    code = ord(ch)
    return (
        (32 <= code < 127)
        or ch in "\n\r\t"
        or 0x00A0 <= code <= 0x024F  # Latin-1 and Latin Extended: pinyin tone letters
        or 0x3000 <= code <= 0x303F
        or 0x4E00 <= code <= 0x9FFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F
    )
