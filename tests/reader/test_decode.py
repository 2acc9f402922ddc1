import os

import pytest

from zhinvest.errors import InputError
from zhinvest.reader.decode import decode_bytes

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
