"""The ledger: company keys, place resolution, the event rule, idempotent builds, queries, the page.

Documents are built directly from invented sentences (``make_doc``), so the rules are tested
apart from extraction quality; one test runs the pipeline on invented articles end to end.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from zhinvest.cli import main
from zhinvest.ledger import BuildReport, Ledger
from zhinvest.ledger.events import Report, amounts_agree, group_events
from zhinvest.ledger.ingest import with_url_line
from zhinvest.ledger.normalise import company_key, document_aliases, gazetteer, resolve_places
from zhinvest.sources import Source
from zhinvest.schema import Document, Entity, InvestmentRelation, Metadata, ProjectSummaryRelation


def make_doc(doc_id: str, text: str, entities: list[tuple], relations: list[dict] = (), source_text: str | None = None, **metadata) -> Document:
    """A document whose entities are found in ``text`` in order: ``(label, text[, value])``;
    relations name entities by their index in ``entities``."""
    built, position = [], 0
    for number, (label, mention, *value) in enumerate(entities):
        start = text.index(mention, position)
        position = start + len(mention)
        fields = {}
        if label == "MONEY":
            fields = {"value": Decimal(value[0]), "currency": value[1] if len(value) > 1 else "CNY", "qualifier": "exact"}
        elif label == "PROJECT_COUNT":
            fields = {"value": int(value[0]), "qualifier": "exact"}
        shown = source_text[start:position] if source_text else mention
        built.append(Entity(id=number, label=label, text=mention, source_text=shown, start=start, end=position, source_start=start,
                            source_end=position, name_simplified=mention if label == "ORG" else None, **fields))
    models = {"INVESTMENT": InvestmentRelation, "PROJECT_SUMMARY": ProjectSummaryRelation}
    return Document(id=doc_id, source=f"news/{doc_id}.html", metadata=Metadata(**metadata), text=text, entities=tuple(built),
                    relations=tuple(models[r["type"]](**r) for r in relations))


def investment(doc_id: str, text: str, investor: str, amount: str, value: str, place: str | None, **metadata) -> Document:
    entities = [("ORG", investor), ("MONEY", amount, value)] + ([("LOC", place)] if place else [])
    relation = {"type": "INVESTMENT", "investor": 0, "amount": 1, "location": 2 if place else None, "stage": "planned", "evidence": text}
    return make_doc(doc_id, text, entities, [relation], **metadata)


# Two outlets report one signing: one in Traditional with the full name (its text read into
# Simplified, its source text Traditional), one in Simplified naming the company by its 简称.
TRADITIONAL = make_doc(
    "hk-1", "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区。",
    [("ORG", "蔚能(上海)电池科技有限公司"), ("MONEY", "50亿元", "5000000000"), ("LOC", "嘉定区")],
    [{"type": "INVESTMENT", "investor": 0, "amount": 1, "location": 2, "stage": "planned"}],
    source_text="蔚能(上海)電池科技有限公司擬投資50億元入駐嘉定區。", date="2024-03-02", source="香港商报网", url="https://hk.example/a/1",
)
SHORT_NAME = make_doc(
    "sh-7", "蔚能电池科技有限公司（以下简称“蔚能”）与上海签约。蔚能拟投资50亿元在嘉定建设研发中心。",
    [("ORG", "蔚能电池科技有限公司"), ("ORG", "蔚能"), ("LOC", "上海"), ("ORG", "蔚能"), ("MONEY", "50亿元", "5000000000"), ("LOC", "嘉定")],
    [{"type": "INVESTMENT", "investor": 3, "amount": 4, "location": 5, "stage": "signed", "evidence": "蔚能拟投资50亿元在嘉定建设研发中心。"}],
    date="2024-03-04", source="解放日报", url="https://sh.example/n/7",
)


def build(tmp_path: Path, *documents: Document, name: str = "ledger.sqlite") -> Ledger:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(d.to_json() + "\n" for d in documents), encoding="utf-8")
    return Ledger.build([str(path)], tmp_path / name, extract=_no_extraction)


def _no_extraction(sources):
    raise AssertionError("documents already extracted must not be extracted again")


# --- companies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("蔚能(上海)電池科技有限公司", "蔚能电池科技"),  # Traditional, bracketed place, legal form
        ("蔚能电池科技有限公司", "蔚能电池科技"),
        ("松下电器（中国）有限公司", "松下电器"),  # a country in brackets, full-width brackets
        ("上海瞻芯电子科技股份有限公司", "上海瞻芯电子科技"),  # a leading place stays: 上海汽车 is not 北京汽车
        ("益海嘉里集团", "益海嘉里"),
        ("某某(集团)有限公司", "某某(集团)"),  # brackets that hold no place stay
        ("某某研究院", "某某研究院"),  # no legal form: kept as it is
    ],
    ids=["traditional-bracket", "simplified", "country-bracket", "leading-place", "group", "bracket-no-place", "no-legal-form"],
)
def test_company_key(name, key):
    assert company_key(name) == key


def test_a_declared_short_name_links_to_its_full_name():
    links = document_aliases(SHORT_NAME)
    assert links[1].key == links[3].key == "蔚能电池科技"
    assert "declared 简称" in links[1].reason


def test_a_short_form_of_one_full_name_links_and_of_two_does_not():
    doc = make_doc("x", "上海瞻芯电子科技股份有限公司成立。瞻芯电子投资。", [("ORG", "上海瞻芯电子科技股份有限公司"), ("ORG", "瞻芯电子")])
    assert document_aliases(doc)[1].key == "上海瞻芯电子科技"
    doc = make_doc("y", "荣氏投资集团有限公司与香港荣氏集团参加。荣氏集团投资。",
                   [("ORG", "荣氏投资集团有限公司"), ("ORG", "香港荣氏集团"), ("ORG", "荣氏集团")])
    assert document_aliases(doc)[2].key == "荣氏"  # fits 荣氏投资 and 香港荣氏: left alone
    assert document_aliases(doc)[2].reason == "canonical key"


def test_similar_names_in_different_documents_stay_apart(tmp_path):
    first = investment("a", "上海汽车集团拟投资10亿元入驻嘉定区。", "上海汽车集团", "10亿元", "1000000000", "嘉定区")
    second = investment("b", "北京汽车集团拟投资10亿元入驻嘉定区。", "北京汽车集团", "10亿元", "1000000000", "嘉定区")
    with build(tmp_path, first, second) as ledger:
        assert len(ledger.events()) == 2


def test_a_short_name_alone_joins_the_company_it_abbreviates_elsewhere(tmp_path):
    alone = investment("c", "蔚能拟投资50亿元入驻嘉定区。", "蔚能", "50亿元", "5000000000", "嘉定区", date="2024-03-05")
    with build(tmp_path, TRADITIONAL, SHORT_NAME, alone) as ledger:
        (event,) = ledger.events().to_dict("records")
        assert event["reports"] == 3
        reasons = dict(ledger.companies()[["key", "reason"]].values)
        assert reasons["蔚能"] == "alias of 蔚能电池科技 in document sh-7"


# --- places ------------------------------------------------------------------------------------


def _places(text: str, *names: str) -> dict[str, str | None]:
    doc = make_doc("p", text, [("LOC", n) for n in names])
    resolved = resolve_places(doc)
    return {e.text: resolved[e.id].code for e in doc.entities}


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("项目落户嘉定。", ("嘉定",), {"嘉定": "310114"}),  # short form
        ("沪上企业。", ("沪",), {"沪": "310000"}),  # abbreviation
        ("河北投资。", ("河北",), {"河北": "130000"}),  # the province, not 天津's 河北区, without context
        ("天津市河北区招商。", ("天津市", "河北区"), {"天津市": "120000", "河北区": "120105"}),
        ("天津的河北投资。", ("天津", "河北"), {"天津": "120000", "河北": "120105"}),  # chosen by the other places
        ("吉林长春朝阳投资。", ("吉林", "长春", "朝阳"), {"吉林": "220000", "长春": "220100", "朝阳": "220104"}),
        ("朝阳投资。", ("朝阳",), {"朝阳": None}),  # four divisions, no context: left unresolved
        ("嘉定工业区招商。", ("嘉定工业区",), {"嘉定工业区": "310114"}),  # a zone keeps its county (gazetteer)
        ("云南省玉溪市红塔区开工。", ("云南省玉溪市红塔区",), {"云南省玉溪市红塔区": "530402"}),  # a chain
        ("嘉兴市秀洲区洪合镇签约。", ("秀洲区", "洪合镇"), {"秀洲区": "330411", "洪合镇": "330411"}),  # a town after its county (text)
        ("长三角与美国。", ("长三角", "美国"), {"长三角": None, "美国": None}),
    ],
    ids=["short-form", "abbreviation", "province-first", "full-names", "by-context", "district-by-context", "ambiguous",
         "zone", "chain", "town-after-county", "not-divisions"],
)
def test_place_resolution(text, names, expected):
    assert _places(text, *names) == expected


def test_gazetteer_hierarchy():
    gaz = gazetteer()
    assert gaz.levels("131022") == {"province": "河北省", "city": "廊坊市", "county": "固安县"}
    assert gaz.levels("310114") == {"province": "上海市", "city": None, "county": "嘉定区"}
    assert gaz.compatible("310114", "310000") and not gaz.compatible("310114", "310115")


# --- the event rule ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("489800000000", "490000000000", True),  # 4898亿 reported as 4900亿
        ("503000000", "500000000", True),  # 5.03亿 and 5亿
        ("1120000000000", "1100000000000", True),  # 1.12万亿 and 1.1万亿
        ("5000000000", "5100000000", False),  # 50亿 and 51亿
        ("5000000000", "5500000000", False),
        ("5000000000", "500000000", False),  # a slip of a digit is another amount
    ],
)
def test_amounts_agree(first, second, same):
    assert amounts_agree(first, second) is same


def test_constructed_duplicates_merge(tmp_path):
    with build(tmp_path, TRADITIONAL, SHORT_NAME) as ledger:
        (event,) = ledger.events().to_dict("records")
        assert (event["company"], event["amount"], event["reports"], event["documents"]) == ("蔚能(上海)电池科技有限公司", "5000000000", 2, 2)
        assert (event["province"], event["county"], event["date"]) == ("上海市", "嘉定区", "2024-03-02")
        assert event["stages"] == "planned,signed" and event["outlets"] == "解放日报,香港商报网"
        reports = ledger.reports()
        assert list(reports["document"]) == ["hk-1", "sh-7"]
        assert "same company 蔚能电池科技, amount 5000000000 ≈ 5000000000 CNY" in reports["join_reason"].iloc[1]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"amount": "51亿元", "value": "5100000000"}, "another amount"),
        ({"date": "2024-09-01"}, "six months later"),
        ({"place": "浦东新区"}, "another district"),
    ],
)
def test_reports_that_differ_stay_apart(tmp_path, change, why):
    amount, value = change.get("amount", "50亿元"), change.get("value", "5000000000")
    place = change.get("place", "嘉定区")
    other = investment("other", f"蔚能(上海)电池科技有限公司拟投资{amount}入驻{place}。", "蔚能(上海)电池科技有限公司", amount, value, place,
                       date=change.get("date", "2024-03-03"))
    with build(tmp_path, TRADITIONAL, other) as ledger:
        assert len(ledger.events()) == 2, why


def test_a_wider_window_joins_far_dates():
    reports = [Report("a", 0, "INVESTMENT", "k", "5000000000", "CNY", date="2024-03-02"),
               Report("b", 0, "INVESTMENT", "k", "5000000000", "CNY", date="2024-05-02")]
    assert len(group_events(reports)) == 2
    assert len(group_events(reports, window_days=90)) == 1


def test_every_report_of_an_event_agrees_with_every_other():
    # 3月1日 ~ 3月25日 ~ 4月18日: no chain through the middle report
    reports = [Report(str(n), 0, "INVESTMENT", "k", "5000000000", "CNY", date=d, doc_id=str(n))
               for n, d in enumerate(["2024-03-01", "2024-03-25", "2024-04-18"])]
    assert [len(e.reports) for e in group_events(reports)] == [2, 1]


def test_batch_summaries_merge_on_count_and_total_and_stay_apart_otherwise(tmp_path):
    def summary(doc_id, text, count, total, value, date):
        return make_doc(doc_id, text, [("LOC", "上海"), ("MONEY", total, value), ("PROJECT_COUNT", count, count.rstrip("个"))],
                        [{"type": "PROJECT_SUMMARY", "count": 2, "total": 1, "stage": "signed"}], date=date)

    docs = [
        summary("s1", "上海总投资4898亿元的216个项目签约。", "216个", "4898亿元", "489800000000", "2021-04-07"),
        summary("s2", "上海总投资4900亿元的216个项目签约。", "216个", "4900亿元", "490000000000", "2021-04-08"),
        summary("s3", "上海总投资5658亿元的322个项目签约。", "322个", "5658亿元", "565800000000", "2022-06-16"),
        summary("s4", "上海总投资4898亿元的216个项目签约。", "216个", "4898亿元", "489800000000", "2022-04-07"),  # a year later
    ]
    with build(tmp_path, *docs) as ledger:
        frame = ledger.events(kind="summaries")
        assert sorted(frame["reports"]) == [1, 1, 2]


# --- building ----------------------------------------------------------------------------------


def test_the_same_article_twice_adds_nothing_and_a_new_text_replaces(tmp_path):
    with build(tmp_path, TRADITIONAL, SHORT_NAME) as ledger:
        before = {t: ledger.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "mentions", "reports", "events")}
    report = BuildReport()
    path = tmp_path / "docs.jsonl"
    Ledger.build([str(path)], tmp_path / "ledger.sqlite", extract=_no_extraction, report=report).close()
    assert (report.added, report.unchanged, report.replaced) == (0, 2, 0)
    with Ledger(tmp_path / "ledger.sqlite") as ledger:
        after = {t: ledger.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before
    revised = investment("sh-7", "蔚能拟投资60亿元入驻嘉定区。", "蔚能", "60亿元", "6000000000", "嘉定区", date="2024-03-04")
    path.write_text(revised.to_json() + "\n", encoding="utf-8")
    report = BuildReport()
    with Ledger.build([str(path)], tmp_path / "ledger.sqlite", extract=_no_extraction, report=report) as ledger:
        assert (report.added, report.replaced) == (0, 1)
        assert ledger.connection.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
        assert sorted(ledger.events()["amount"]) == ["5000000000", "6000000000"]


def test_new_articles_join_the_events_already_there(tmp_path):
    build(tmp_path, TRADITIONAL).close()
    with build(tmp_path, SHORT_NAME) as ledger:
        assert ledger.events()["reports"].tolist() == [2]


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://www.example.com/content_p/2018-10/15/content_64922.html", "2018-10-15"),
        ("http://paper.example.com/pc/content/202402/26/content_133365.html", "2024-02-26"),
        ("http://news.example.cn/system/2010/06/08/012224481.shtml", "2010-06-08"),
        ("https://jl.example.cn/2018-04-20/46e82774.html", "2018-04-20"),
        ("http://www.example.com/cj/202103/1231937.html", None),  # 12 runs into an id: no day
        ("http://example.com/Item/72235.aspx", None),
    ],
)
def test_a_date_in_the_url_when_the_metadata_has_none(url, date):
    from zhinvest.ledger.store import document_date

    doc = make_doc("u", "某某。", [], url=url)
    assert document_date(doc) == ((date, "url") if date else (None, None))
    assert document_date(make_doc("m", "某某。", [], url=url, date="2021年4月7日")) == ("2021-04-07", "metadata")


def test_a_url_line_becomes_the_documents_url(tmp_path):
    path = tmp_path / "d01.txt"
    path.write_text("url: https://example.org/news/1.html\n\n某某科技有限公司拟投资3亿元落户固安县。\n", encoding="utf-8")
    source = with_url_line(Source(str(path), path, doc_id="d01"))
    assert source.data.metadata.url == "https://example.org/news/1.html"
    assert source.data.text.startswith("某某科技")


def test_articles_are_extracted_once_and_known_ones_skipped(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "d01.txt").write_text("url: https://example.org/1\n\n某某公司在固安县投资3亿元。\n", encoding="utf-8")
    calls = []

    def extract(sources):
        for source in sources:
            calls.append(source.doc_id)
            article = source.data
            yield Document(id=article.id, source=article.source, metadata=article.metadata, text=article.text)

    for _ in range(2):
        Ledger.build([str(folder)], tmp_path / "l.sqlite", extract=extract).close()
    assert calls == ["d01"]
    with Ledger(tmp_path / "l.sqlite") as ledger:
        assert ledger.connection.execute("SELECT url FROM documents").fetchone()[0] == "https://example.org/1"


def test_the_pipeline_on_invented_articles_gives_one_event(tmp_path, pipeline):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "hk.txt").write_text("3月2日電 蔚能(上海)電池科技有限公司擬投資50億元入駐嘉定區，建設電池研發中心。\n", encoding="utf-8")
    (folder / "sh.txt").write_text("本报讯 蔚能电池科技有限公司（以下简称“蔚能”）与嘉定区签约。蔚能拟投资50亿元在嘉定区建设电池研发中心。\n", encoding="utf-8")
    with Ledger.build([str(folder)], tmp_path / "l.sqlite", extract=lambda s: pipeline.pipe(s, on_error="record")) as ledger:
        (event,) = ledger.events().to_dict("records")
        assert event["reports"] == 2 and event["county"] == "嘉定区"
        assert ledger.reports()["source_start"].notna().all()


# --- using it ----------------------------------------------------------------------------------


@pytest.fixture
def ledger_db(tmp_path) -> Path:
    docs = [
        TRADITIONAL, SHORT_NAME,
        investment("hb-1", "某某食品有限公司投资10亿元在固安县建设加工基地。", "某某食品有限公司", "10亿元", "1000000000", "固安县", date="2017-09-26"),
        investment("gz-1", "某某能源有限公司拟投资3亿元落户贵州。", "某某能源有限公司", "3亿元", "300000000", "贵州", date="2018-10-15"),
        make_doc("nx-1", "某某光伏有限公司拟投资2亿元。", [("ORG", "某某光伏有限公司"), ("MONEY", "2亿元", "200000000")],
                 [{"type": "INVESTMENT", "investor": 0, "amount": 1}]),  # no place, date, url or evidence
    ]
    build(tmp_path, *docs).close()
    return tmp_path / "ledger.sqlite"


def test_a_province_finds_its_counties_facts(ledger_db):
    with Ledger(ledger_db) as ledger:
        assert ledger.events(place="河北")["company"].tolist() == ["某某食品有限公司"]
        assert ledger.events(place="廊坊")["county"].tolist() == ["固安县"]
        assert ledger.events(place="上海")["company"].tolist() == ["蔚能(上海)电池科技有限公司"]
        assert ledger.events(place="浦东新区").empty
        assert ledger.events(company="蔚能")["reports"].tolist() == [2]
        assert ledger.events(since="2018-01-01", until="2018-12-31")["company"].tolist() == ["某某能源有限公司"]
        assert ledger.events(stage="signed")["company"].tolist() == ["蔚能(上海)电池科技有限公司"]


def test_query_and_render_do_not_import_spacy(ledger_db, tmp_path):
    import subprocess

    probe = subprocess.run([sys.executable, "-c", "import sys, zhinvest.cli; print('spacy' in sys.modules)"], capture_output=True, text=True, timeout=120)
    if probe.stdout.strip() == "True":
        pytest.skip("importing zhinvest itself loads spaCy here (lazy public names came to main in e720c48)")
    code = ("import sys; from zhinvest.cli import main; main(['ledger', 'query', '--db', sys.argv[1], '--place', '河北']); "
            "main(['ledger', 'render', '--db', sys.argv[1], '-o', sys.argv[2]]); assert 'spacy' not in sys.modules, 'spacy imported'")
    result = subprocess.run([sys.executable, "-c", code, str(ledger_db), str(tmp_path / "p.html")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "固安县" in result.stdout


def test_cli_query_writes_csv_and_parquet(ledger_db, tmp_path, capsys):
    assert main(["ledger", "query", "--db", str(ledger_db), "--place", "河北", "-o", str(tmp_path / "x.csv")]) == 0
    assert "某某食品有限公司" in (tmp_path / "x.csv").read_text(encoding="utf-8")
    pytest.importorskip("pyarrow")
    import pandas as pd

    assert main(["ledger", "query", "--db", str(ledger_db), "--reports", "-o", str(tmp_path / "x.parquet")]) == 0
    assert len(pd.read_parquet(tmp_path / "x.parquet")) == 5


def test_render_links_each_report_to_its_evidence(ledger_db, tmp_path):
    page = tmp_path / "ledger.html"
    assert main(["ledger", "render", "--db", str(ledger_db), "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    from urllib.parse import quote

    # the Traditional outlet's link quotes its source as written: 蔚能(上海)電池…, 嘉定區
    assert f'href="https://hk.example/a/1#:~:text={quote("蔚能(上海)電池科技有限公司", safe="")},{quote("嘉定區", safe="")}"' in html
    assert f'href="https://sh.example/n/7#:~:text={quote("蔚能", safe="")},{quote("嘉定", safe="")}"' in html
    assert "蔚能拟投资50亿元在嘉定建设研发中心。" in html


def test_errors_are_one_line_with_their_exit_codes(tmp_path, capsys):
    assert main(["ledger", "query", "--db", str(tmp_path / "none.sqlite")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no ledger here" in err
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    assert main(["ledger", "render", "--db", str(other), "-o", str(tmp_path / "x.html")]) == 1
    assert "not a zhinvest ledger" in capsys.readouterr().err
    try:
        code = main(["ledger", "query", "--db", str(other), "--since", "March"])
    except SystemExit as exit:  # argparse's usage error
        code = exit.code
    assert code == 2 and "expected a date" in capsys.readouterr().err


def test_a_failed_input_is_reported_and_the_rest_stored(tmp_path, capsys):
    path = tmp_path / "docs.jsonl"
    path.write_text(TRADITIONAL.to_json() + "\n" + json.dumps({"id": "x", "source": "gone.txt", "error": {"type": "InputError", "message": "gone.txt: file not found"}}) + "\n", encoding="utf-8")
    assert main(["ledger", "build", str(path), "--db", str(tmp_path / "l.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "gone.txt: file not found" in err and "1 added" in err


def test_dask_partitions_feed_one_ledger(tmp_path):
    pytest.importorskip("dask.bag")
    import dask.bag as db

    from zhinvest.distributed import write_partitions

    records = db.from_sequence([TRADITIONAL, SHORT_NAME], npartitions=2)
    files = write_partitions(records, tmp_path / "out", scheduler="sync")
    assert len(files) == 2
    assert main(["ledger", "build", str(tmp_path / "out"), "--db", str(tmp_path / "l.sqlite")]) == 0
    with Ledger(tmp_path / "l.sqlite") as ledger:
        assert ledger.events()["reports"].tolist() == [2]


def test_the_seeds_conference_reports_stay_distinct_events(tmp_path, seed_documents):
    with build(tmp_path, *seed_documents.values()) as ledger:
        summaries = ledger.events(kind="summaries", place="上海")
        conferences = summaries[summaries["count"].isin([216, 322, 580])]
        assert sorted(conferences["count"]) == [216, 322, 580] and set(conferences["reports"]) == {1}
        assert (ledger.events(kind="all")["documents"] == 1).all()  # no seed fact is another seed's


def test_cli_build_extracts_articles_with_the_default_pipeline(tmp_path, seed_paths):
    from zhinvest.cli import main

    db = tmp_path / "l.sqlite"
    assert main(["ledger", "build", str(seed_paths[0]), "--db", str(db)]) == 0
    assert main(["ledger", "build", str(seed_paths[0]), "--db", str(db), "--no-ner"]) == 0  # the same article adds nothing
    assert main(["ledger", "query", "--db", str(db), "--place", "上海"]) == 0
