"""Tests of :mod:`zhinvest.render`: the pages parsed as HTML, and one seed page run in headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from zhinvest.about import LABELS
from zhinvest.errors import InputError
from zhinvest.evaluation import evaluate
from zhinvest.formats import read
from zhinvest.render import render_comparison, render_document
from zhinvest.schema import (
    Document,
    Entity,
    InvestmentRelation,
    LocatedInRelation,
    Metadata,
)

TEXT = "蔚能电池科技有限公司拟投资50亿元入驻嘉定区。\n第二段：上海"


def span(entity_id: int, label: str, text: str, start: int, end: int, **fields: Any) -> Entity:
    return Entity(
        id=entity_id, label=label, text=text[start:end], source_text=text[start:end],
        start=start, end=end, source_start=start, source_end=end, **fields,
    )


def ent(entity_id: int, label: str, text: str, find: str, **fields: Any) -> Entity:
    start = text.index(find)
    return span(entity_id, label, text, start, start + len(find), **fields)


def parse(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def marks(soup: BeautifulSoup | Tag) -> list[Tag]:
    return soup.select("mark.ent")


def article_text(soup: BeautifulSoup) -> str:
    text = soup.select_one("article .text")
    assert text is not None
    return text.get_text()


@pytest.fixture(scope="session")
def gold_documents(root: Path) -> dict[str, Document]:
    return {doc.id: doc for doc in read(root / "annotations")}


@pytest.fixture()
def small_doc() -> Document:
    return Document(
        id="small",
        metadata=Metadata(title="蔚能入驻嘉定", date="2024-01-02", source="新华网"),
        text=TEXT,
        entities=(
            ent(0, "ORG", TEXT, "蔚能电池科技有限公司"),
            ent(1, "MONEY", TEXT, "50亿元", value=Decimal(5000000000), currency="CNY", qualifier="exact"),
            ent(2, "LOC", TEXT, "嘉定区"),
            ent(3, "LOC", TEXT, "上海"),
        ),
        relations=(
            InvestmentRelation(investor=0, amount=1, location=2, stage="planned", evidence="拟投资50亿元"),
            LocatedInRelation(org=0, location=2),
        ),
    )


# --- one document --------------------------------------------------------------------


def test_one_mark_per_entity_with_its_label_and_the_text_unchanged(seed_documents, gold_documents):
    documents = [*seed_documents.values(), *gold_documents.values()]
    assert documents
    for doc in documents:
        soup = parse(render_document(doc))
        found = marks(soup)
        assert Counter(m["data-label"] for m in found) == Counter(e.label for e in doc.entities), doc.id
        assert sorted(int(m["data-id"]) for m in found) == sorted(e.id for e in doc.entities)
        for mark in found:
            entity = doc.entity(int(mark["data-id"]))
            assert mark["class"] == ["ent", f"ent-{entity.label}"]
            assert mark.get_text() == entity.text
        assert article_text(soup) == doc.text


def test_page_is_self_contained_and_has_metadata_legend_and_tooltips(small_doc):
    page = render_document(small_doc)
    soup = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert soup.title.get_text() == "蔚能入驻嘉定"
    assert not soup.select("[src], link")
    assert "http://" not in page and "https://" not in page
    header = soup.select_one("header").get_text()
    assert "2024-01-02" in header and "新华网" in header and "small" in header
    assert [chip.get_text() for chip in soup.select(".legend .chip")] == list(LABELS)
    money = soup.select_one('mark.ent[data-id="1"]')
    assert "5,000,000,000" in money["title"] and "CNY" in money["title"] and "exact" in money["title"]
    assert "white-space: pre-wrap" in page
    assert article_text(soup) == TEXT  # the newline is kept


def test_title_argument_wins_over_metadata(small_doc):
    assert parse(render_document(small_doc, title="审阅")).title.get_text() == "审阅"
    assert parse(render_document(small_doc.model_copy(update={"metadata": Metadata()}))).title.get_text() == "small"


def test_relation_tables_list_argument_texts(small_doc):
    soup = parse(render_document(small_doc))
    investment = soup.select('table.rel-table[data-type="INVESTMENT"] tbody tr')
    located = soup.select('table.rel-table[data-type="LOCATED_IN"] tbody tr')
    assert len(investment) == 1 and len(located) == 1
    assert not soup.select('table.rel-table[data-type="PROJECT_SUMMARY"]')
    refs = [a.get_text() for a in investment[0].select("a.ref")]
    assert refs == ["蔚能电池科技有限公司", "50亿元", "嘉定区"]
    assert investment[0]["data-refs"] == "0 1 2"
    assert investment[0]["title"] == "拟投资50亿元"
    assert "planned" in investment[0].get_text()


def test_script_like_text_and_metadata_are_escaped():
    text = '<script>alert("x")</script> & 投资<b>5亿元</b>'
    doc = Document(
        id="evil<id>",
        metadata=Metadata(title="</title><script>alert(1)</script>", source='"><img src=x>'),
        text=text,
        entities=(
            ent(0, "ORG", text, '<script>alert("x")'),
            ent(1, "MONEY", text, "5亿元</b>", value=Decimal(500000000), currency="CNY"),
        ),
    )
    page = render_document(doc)
    assert "<script>alert" not in page
    assert "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)" in page
    soup = parse(page)
    assert len(soup.find_all("script")) == 1  # the page's own
    assert article_text(soup) == text
    assert [m.get_text() for m in marks(soup)] == ['<script>alert("x")', "5亿元</b>"]
    assert soup.title.get_text() == "</title><script>alert(1)</script>"


def test_empty_document():
    soup = parse(render_document(Document(id="empty", text="")))
    assert marks(soup) == []
    assert article_text(soup) == ""
    assert soup.select_one("h1").get_text() == "empty"


def test_nested_and_crossing_spans_do_not_break_the_text():
    text = "上海临港新片区管委会"
    doc = Document(
        id="overlap",
        text=text,
        entities=(
            span(0, "ORG", text, 0, 10),   # 上海临港新片区管委会
            span(1, "LOC", text, 0, 2),    # 上海, nested
            span(2, "LOC", text, 2, 7),    # 临港新片区, nested
            span(3, "PERSON", text, 5, 9),  # crosses the end of 临港新片区: skipped
            span(4, "LOC", text, 0, 2),    # same span as 1: nested in it
        ),
    )
    soup = parse(render_document(doc))
    assert sorted(int(m["data-id"]) for m in marks(soup)) == [0, 1, 2, 4]
    outer = soup.select_one('mark[data-id="0"]')
    assert {int(m["data-id"]) for m in outer.select("mark.ent")} == {1, 2, 4}
    assert article_text(soup) == text
    skipped = soup.select_one(".skipped")
    assert skipped is not None and "PERSON #3" in skipped.get_text()


def test_entities_outside_the_text_are_skipped_not_fatal():
    text = "上海"
    bad = Entity.model_construct(
        id=1, label="LOC", text="浦东", source_text="浦东", start=5, end=7, source_start=5, source_end=7
    )
    doc = Document.model_construct(
        id="bad", text=text, metadata=Metadata(), entities=(span(0, "LOC", text, 0, 2), bad), relations=()
    )
    soup = parse(render_document(doc))
    assert [m["data-id"] for m in marks(soup)] == ["0"]
    assert article_text(soup) == text


# --- comparison -------------------------------------------------------------------------


def comparison_docs() -> tuple[Document, Document]:
    text = "蔚能电池科技有限公司拟投资50亿元入驻上海嘉定区，另有宁德时代参与。"
    gold = Document(id="cmp", text=text, metadata=Metadata(title="比较"), entities=(
        ent(0, "ORG", text, "蔚能电池科技有限公司"),
        ent(1, "MONEY", text, "50亿元"),
        ent(2, "LOC", text, "上海嘉定区"),
        ent(3, "ORG", text, "宁德时代"),
    ))
    predicted = Document(id="cmp", text=text, entities=(
        ent(10, "ORG", text, "蔚能电池科技有限公司"),  # correct
        ent(11, "AREA", text, "50亿元"),             # wrong label
        ent(12, "LOC", text, "嘉定区"),              # wrong span
        ent(13, "PERSON", text, "入驻"),             # spurious; 宁德时代 missed
    ))
    return gold, predicted


def test_comparison_marks_each_status():
    gold, predicted = comparison_docs()
    soup = parse(render_comparison([(gold, predicted)]))
    gold_side, predicted_side = soup.select(".side-gold")[0], soup.select(".side-predicted")[0]
    assert {m["data-id"]: m["data-status"] for m in marks(predicted_side)} == {
        "10": "correct", "11": "wrong-label", "12": "wrong-span", "13": "spurious",
    }
    assert {m["data-id"]: m["data-status"] for m in marks(gold_side)} == {
        "0": "found", "1": "partly", "2": "partly", "3": "missed",
    }
    assert "gold MONEY" in predicted_side.select_one('mark[data-id="11"]')["title"]
    assert gold_side.select_one(".text").get_text() == gold.text
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    assert soup.select_one("pre") is None


def test_comparison_shows_the_report_table_and_agrees_with_it():
    gold, predicted = comparison_docs()
    report = evaluate([gold], [predicted])
    soup = parse(render_comparison([(gold, predicted)], report))
    assert soup.select_one(".report pre").get_text() == report.to_table()
    statuses = Counter(m["data-status"] for m in marks(soup.select_one(".side-predicted")))
    strict = report.micro.strict
    assert statuses["correct"] == strict.correct
    assert statuses["spurious"] == strict.spurious
    assert statuses["wrong-label"] + statuses["wrong-span"] == strict.incorrect
    assert Counter(m["data-status"] for m in marks(soup.select_one(".side-gold")))["missed"] == strict.missed


def test_comparison_of_seeds_against_annotations(seed_documents, gold_documents):
    pairs = [(gold_documents[stem], doc) for stem, doc in seed_documents.items() if stem in gold_documents]
    assert pairs
    soup = parse(render_comparison(pairs, evaluate([g for g, _ in pairs], [p for _, p in pairs])))
    assert len(soup.select("section.doc")) == len(pairs)
    for section, (gold, predicted) in zip(soup.select("section.doc"), pairs, strict=True):
        assert len(marks(section.select_one(".side-gold"))) == len(gold.entities)
        assert len(marks(section.select_one(".side-predicted"))) == len(predicted.entities)
        assert all(m.get("data-status") for m in marks(section))


def test_comparison_rejects_different_texts_and_handles_no_pairs():
    gold, _ = comparison_docs()
    with pytest.raises(InputError):
        render_comparison([(gold, Document(id="cmp", text=gold.text + "。"))])
    assert marks(parse(render_comparison([]))) == []


# --- in a browser ------------------------------------------------------------------------


def chromium() -> str:
    """The Chromium executable; skips the test when there is none, unless ``CI`` is set."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("Chromium not found: CI must install it (apt-get install -y chromium)")
    pytest.skip("Chromium not installed (apt-get install -y chromium)")


def run_chromium(browser: str, tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", *arguments,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def test_seed_page_renders_in_headless_chromium(seed_documents, tmp_path):
    browser = chromium()
    doc = max(seed_documents.values(), key=lambda d: len(d.entities))
    page = tmp_path / "page.html"
    page.write_text(render_document(doc), encoding="utf-8")

    dom = parse(run_chromium(browser, tmp_path, "--dump-dom", page.as_uri()).stdout)
    stats = dom.select_one("#render-stats")
    assert stats is not None and stats.get("data-ready") == "true", "the page's script did not run"
    assert int(stats["data-total"]) == len(doc.entities)
    for label, count in Counter(e.label for e in doc.entities).items():
        assert int(stats[f"data-label-{label.lower()}"]) == count
    background = stats["data-mark-background"]
    assert background not in ("", "transparent", "rgba(0, 0, 0, 0)")

    screenshot = tmp_path / "page.png"
    run_chromium(browser, tmp_path, f"--screenshot={screenshot}", "--window-size=1200,2000", page.as_uri())
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
