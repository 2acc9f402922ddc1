"""Property tests: random input never raises anything but the documented errors."""

from hypothesis import HealthCheck, given, settings, strategies as st

from zhinvest.components.area import AreaFinder
from zhinvest.components.money import MoneyFinder
from zhinvest.components.project_count import ProjectCountFinder
from zhinvest.errors import InputError
from zhinvest.numbers import parse_money, parse_number
from zhinvest.reader import looks_like_path, read

CHINESE = st.text(alphabet=st.sampled_from(list("总投资亿元万平方米公里亩个项目签约超过近约以上多余几十百千零一二两三四五六七八九,，。、\n<>p/&;0123456789.")), max_size=200)
HTML = st.lists(st.sampled_from(["<p>", "</p>", "<div class='x'>", "</div>", "<b>", "&nbsp;", "&amp;", "<!--", "-->", "<script>", "</script>", "总投资5亿元", "中國(guó)", "\n", "　", "<br/>"]), max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(st.text(max_size=300), CHINESE, HTML))
def test_reader_never_fails_on_text(text):
    try:
        article = read(text)
    except InputError:
        assert looks_like_path(text)  # a mistyped path is refused, never read as text
        return
    for start in range(len(article.text)):
        s, e = article.source_span(start, start + 1)
        assert 0 <= s <= e <= len(article.source_text)


@SETTINGS
@given(st.binary(max_size=400))
def test_reader_on_bytes_raises_only_input_errors(data):
    try:
        read(data)
    except InputError:
        pass


@SETTINGS
@given(st.one_of(st.text(max_size=40), CHINESE))
def test_number_parser_raises_only_value_errors(text):
    for parse in (parse_number, parse_money):
        try:
            parse(text)
        except ValueError:
            pass


@SETTINGS
@given(st.one_of(st.text(max_size=300), CHINESE))
def test_finders_return_spans_inside_the_text(text):
    for finder in (MoneyFinder(), AreaFinder(), ProjectCountFinder()):
        for mention in finder.find(text):
            assert 0 <= mention.start < mention.end <= len(text)
