import codecs
import os

import pytest

from zhinvest.errors import InputError
from zhinvest.reader.decode import decode, decode_bytes

TEXT = "上海金山最新打出一套促进经济高质量发展“组合拳”：总投资80亿元的3个先进制造业和投资平台项目集中签约。"
TRADITIONAL = "蔚能(上海)電池科技有限公司擬投資50億元入駐嘉定區，總投資3435億元。"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (TEXT, "utf-8"),
        (TEXT, "utf-8-sig"),
        (TEXT, "gb18030"),
        (TEXT, "gbk"),
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "gb18030"),
        (TEXT, "utf-16"),
        (TEXT, "utf-16-le"),
        (TEXT, "utf-16-be"),
        (TRADITIONAL, "utf-16-le"),
    ],
)
def test_encodings_are_detected(text, encoding):
    assert decode_bytes(text.encode(encoding)) == text


def test_empty_bytes_are_empty_text():
    assert decode_bytes(b"") == ""


@pytest.mark.parametrize("data", [os.urandom(4096), b"\x00\x01\x02\x03" * 500, bytes(range(256)) * 20])
def test_binary_is_refused_with_a_clear_message(data):
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "x.bin")


ARTICLE = (TEXT + "\n") * 120  # about 20 KB of UTF-8
GB_ARTICLE = (TEXT + "\n") * 40
BIG5_ARTICLE = (TRADITIONAL + "\n") * 40
#: The byte offset of a character boundary in the UTF-8 article (the 3000th character).
AT = len(ARTICLE[:3000].encode("utf-8"))


def _stray(data: bytes, at: int) -> bytes:
    return data[:at] + b"\xff" + data[at:]


@pytest.mark.parametrize(
    ("data", "encoding", "replaced", "first_offset"),
    [
        (ARTICLE.encode("utf-8")[:-2], "utf-8", 2, len(ARTICLE.encode("utf-8")) - 4),
        (_stray(ARTICLE.encode("utf-8"), AT), "utf-8", 1, AT),
        (_stray(ARTICLE.encode("utf-8"), AT + 1), "utf-8", 4, AT),  # inside a character: its bytes too
        (GB_ARTICLE.encode("gb18030")[:-2], "gb18030", 1, len(GB_ARTICLE.encode("gb18030")) - 3),
        (_stray(GB_ARTICLE.encode("gb18030"), 3000), "gb18030", 1, 3000),
        (_stray(BIG5_ARTICLE.encode("big5"), 2000), "big5", 1, 2000),
        (codecs.BOM_UTF8 + _stray(ARTICLE.encode("utf-8"), AT), "utf-8", 1, AT + 3),
    ],
    ids=["utf-8 cut", "utf-8 stray byte", "utf-8 stray byte in a character", "gb18030 cut", "gb18030 stray byte",
         "big5 stray byte", "utf-8 BOM stray byte"],
)
def test_damaged_text_is_decoded_and_the_damage_recorded(data, encoding, replaced, first_offset):
    decoded = decode(data, "x.txt")
    assert decoded.encoding == encoding
    assert decoded.damage is not None
    assert (decoded.damage.replaced, decoded.damage.offsets[0]) == (replaced, first_offset)
    assert decoded.text.count("\ufffd") == replaced
    assert TEXT in decoded.text or TRADITIONAL in decoded.text


def test_clean_text_has_no_damage():
    assert decode(ARTICLE.encode("utf-8")).damage is None
    assert decode(GB_ARTICLE.encode("gbk")).damage is None


def test_damage_offsets_are_capped_and_counted():
    damaged = b"".join(char.encode("utf-8") + b"\xff" for char in ARTICLE[:150]) + ARTICLE[150:].encode("utf-8")
    decoded = decode(damaged)
    assert decoded.damage.replaced == 150 and len(decoded.damage.offsets) == 100
    assert decoded.damage.offsets[:3] == (3, 7, 11)  # after 上, 海, 金


@pytest.mark.parametrize(
    "data",
    [
        bytes(b ^ 0x80 for b in ARTICLE.encode("utf-8")),  # every byte damaged
        ARTICLE.encode("utf-8")[:3000] + os.urandom(3000),
    ],
    ids=["bit flipped", "half random"],
)
def test_what_no_encoding_explains_is_refused(data):
    with pytest.raises(InputError, match="no encoding explains nearly all|binary"):
        decode(data, "x.txt")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + "\x01\x02\x03".encode("utf-16-le") * 100,
        codecs.BOM_UTF8 + b"\x01\x02\x03" * 100,
        "\u0080\u0081\u0085\u0090".encode("utf-8") * 100,
    ],
    ids=["utf-16 control characters", "utf-8 BOM control characters", "C1 control characters"],
)
def test_bytes_that_decode_to_control_characters_are_binary(data):
    with pytest.raises(InputError, match="binary"):
        decode(data, "x.bin")


def test_a_utf16_text_cut_inside_a_code_unit_loses_one_byte_counted_as_damage():
    from zhinvest.reader import read

    text = "华星科技有限公司拟投资5亿元落户玉溪市。" * 20
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    article = read(data[:-1])
    assert article.text.startswith("华星科技有限公司")
    assert article.metadata.damage is not None
    assert (article.metadata.damage.replaced, article.metadata.damage.offsets) == (1, (len(data) - 2,))
