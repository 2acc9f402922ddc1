"""Bytes to text: BOMs, UTF-16 without BOM, UTF-8, GB18030/GBK and Big5, binary refused.

Web text is often damaged: a character cut at the end, a stray byte. When one encoding
explains nearly all of the bytes (:func:`explains_nearly_all`), the text is decoded with the
bytes it cannot explain replaced by U+FFFD, and :attr:`Decoded.damage` says how many and
where; only what no encoding explains is refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import Errors, InputError
from ..schema import Damage

#: How many leading bytes decide whether the data is binary.
BINARY_PROBE = 8192
#: Encodings tried for non-UTF-8 Chinese text, in charset-normalizer's judgement.
CHINESE_ENCODINGS = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
#: Damage an encoding may leave and still explain a text: at most this share of its bytes
#: (or a few bytes in a short text), with nearly all decoded characters plausible ones.
DAMAGE_SHARE = 0.01
DAMAGE_FEW = 4
#: Offsets of replaced bytes kept in :class:`~zhinvest.schema.Damage` (the count is exact).
DAMAGE_OFFSETS = 100

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27))
#: Decoded control characters that mark binary data: C0 but tab, line feed, form feed,
#: carriage return and escape; DEL; C1.
_CONTROL_CHARS = re.compile("[" + "".join(chr(c) for c in _CONTROL) + "\x7f-\x9f]")
#: Bytes an encoding could not decode, as ``errors="surrogateescape"`` leaves them.
_ESCAPED = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True)
class Decoded:
    """Decoded article bytes: the text, the encoding, and the damage replaced (or None)."""

    text: str
    encoding: str
    damage: Damage | None = None


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode article bytes, or raise :class:`InputError` with a one-line reason."""
    return decode(data, name).text


def decode(data: bytes, name: str = "<bytes>") -> Decoded:
    """Decode article bytes; see the module's description. Raises :class:`InputError` for
    binary data (also bytes that decode to control characters) and for bytes no encoding
    explains."""
    if not data:
        return Decoded("", "utf-8")
    decoded = _decode(data, name)
    probe = decoded.text[:BINARY_PROBE]
    if "\x00" in probe or len(_CONTROL_CHARS.findall(probe)) > len(probe) // 20:
        raise InputError(Errors.E003.format(name=name, probe=BINARY_PROBE))
    return decoded


def _decode(data: bytes, name: str) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return decode_with_damage(data, encoding, len(bom))
    utf16 = _utf16_without_bom(data[:BINARY_PROBE])
    if utf16:
        return decode_with_damage(data, utf16)
    probe = data[:BINARY_PROBE]
    if b"\x00" in probe or sum(probe.count(bytes([c])) for c in _CONTROL) > len(probe) // 20:
        raise InputError(Errors.E003.format(name=name, probe=BINARY_PROBE))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    utf8 = decode_with_damage(data, "utf-8")
    if explains_nearly_all(utf8, len(data)):
        return utf8
    chinese = _gb_or_big5(data)
    if chinese is not None:
        return decode_with_damage(data, chinese)
    from charset_normalizer import from_bytes  # the last resort: imported when needed

    best = from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        raise InputError(Errors.E004.format(name=name))
    return Decoded(str(best), best.encoding)


def decode_with_damage(data: bytes, encoding: str, start: int = 0) -> Decoded:
    """``data[start:]`` decoded, each byte the encoding cannot decode replaced by U+FFFD and
    counted, with its offset in ``data``. A UTF-16 text cut in the middle of a code unit
    loses its last byte, counted the same way."""
    body = data[start:]
    cut = encoding.startswith("utf-16") and len(body) % 2 == 1
    try:
        escaped = (body[:-1] if cut else body).decode(encoding, errors="surrogateescape")
    except UnicodeDecodeError:  # what surrogateescape cannot carry (a lone UTF-16 surrogate)
        text = body.decode(encoding, errors="replace")
        return Decoded(text, encoding, Damage(encoding=encoding, replaced=text.count("\ufffd") or 1, offsets=()))
    if cut:
        escaped += "\udcff"  # the cut byte, counted and replaced below
    if not _ESCAPED.search(escaped):
        return Decoded(escaped, encoding)
    offsets: list[int] = []
    count = 0
    position, last = start, 0
    for match in _ESCAPED.finditer(escaped):
        if len(offsets) < DAMAGE_OFFSETS:
            position += len(escaped[last : match.start()].encode(encoding, errors="surrogateescape"))
            offsets.append(position)
            position += 1
            last = match.end()
        count += 1
    text = _ESCAPED.sub("\ufffd", escaped)
    return Decoded(text, encoding, Damage(encoding=encoding, replaced=count, offsets=tuple(offsets)))


def explains_nearly_all(decoded: Decoded, size: int) -> bool:
    """Whether a damaged decoding still explains the bytes: few replaced (at most
    :data:`DAMAGE_SHARE` of them, or :data:`DAMAGE_FEW` in a text ten times as long) and
    nearly all characters plausible (Chinese, ASCII, punctuation), so that a wrong guess,
    such as GBK read as UTF-8, does not pass for a damaged right one."""
    bad = decoded.damage.replaced if decoded.damage else 0
    if bad > max(size * DAMAGE_SHARE, min(DAMAGE_FEW, size / 10)):
        return False
    sample = decoded.text[:BINARY_PROBE].replace("\ufffd", "")
    return not sample or sum(_plausible(ch) for ch in sample) >= 0.9 * len(sample)


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
    if explains_nearly_all(decode_with_damage(probe, "utf-8"), len(probe)):
        return "utf-8", 0
    chinese = _gb_or_big5(probe)
    if chinese is not None:
        return chinese, 0
    from charset_normalizer import from_bytes

    best = from_bytes(probe, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        raise InputError(Errors.E004.format(name=name))
    return best.encoding, 0


#: Each standard puts its most frequent characters first: GB2312 level 1 (3,755 characters)
#: has lead bytes 0xB0–0xD7, Big5's frequent characters (5,401) lead bytes 0xA4–0xC6.
_FREQUENT = {"gb18030": ("gb2312", 0xB0, 0xD7), "big5": ("big5", 0xA4, 0xC6)}


def _gb_or_big5(data: bytes, probe: int = 65536) -> str | None:
    """GB18030 or Big5, whichever explains the bytes (:func:`explains_nearly_all`) with more
    of its frequent characters.

    Statistical detectors are unreliable on short Chinese texts (a few characters of GBK
    read as Big5 equally well); the share of characters in each standard's frequent block
    tells them apart.
    """
    head = data[:probe]
    scores: dict[str, float] = {}
    for encoding, (table, low, high) in _FREQUENT.items():
        decoded = decode_with_damage(head, encoding)
        if not explains_nearly_all(decoded, len(head)):
            continue
        wide = [ch for ch in decoded.text if ord(ch) > 127 and ch != "\ufffd"]
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
