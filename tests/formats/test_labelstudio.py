"""The ``labelstudio`` format: a JSON list of tasks with ``labels`` regions and binary ``relation`` links."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest

from zhinvest.about import LABELS
from zhinvest.errors import FormatError
from zhinvest.formats import labelstudio, labelstudio_config
from zhinvest.schema import InvestmentRelation, LocatedInRelation, ProjectSummaryRelation


@pytest.mark.parametrize("result_key", ["predictions", "annotations"])
def test_round_trip(documents, tmp_path, result_key):
    path = tmp_path / "tasks.json"
    labelstudio.write(documents, path, result_key=result_key)
    assert labelstudio.read(path) == documents
    assert labelstudio.detect(path)


def test_gold_goes_under_annotations_and_model_output_under_predictions(investment_doc, tmp_path):
    gold = labelstudio.to_task(investment_doc)
    assert set(gold) == {"data", "annotations"} and "model_version" not in gold["annotations"][0]
    predicted = labelstudio.to_task(investment_doc, "predictions")
    assert set(predicted) == {"data", "predictions"}
    assert gold["annotations"][0]["result"] == predicted["predictions"][0]["result"]
    labelstudio.write([investment_doc], tmp_path / "tasks.json")
    assert "annotations" in json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))[0]


def test_task_shape(investment_doc):
    task = labelstudio.to_task(investment_doc, "predictions")
    assert task["data"]["text"] == investment_doc.text
    (prediction,) = task["predictions"]
    assert prediction["model_version"].startswith("zhinvest ")
    result = prediction["result"]
    assert result[2] == {
        "id": "e2", "from_name": "label", "to_name": "text", "type": "labels",
        "value": {"start": 38, "end": 44, "text": "4898亿元", "labels": ["MONEY"]},
    }
    links = [(item["from_id"], item["to_id"], item["labels"]) for item in result if item["type"] == "relation"]
    assert links == [
        ("e3", "e2", ["PROJECT_SUMMARY:total"]),   # count -> total
        ("e5", "e4", ["INVESTMENT:investor"]),     # amount -> investor
        ("e5", "e6", ["INVESTMENT:location"]),     # amount -> location
        ("e8", "e9", ["LOCATED_IN:location"]),     # org -> location
    ]
    assert all(item["direction"] == "right" for item in result if item["type"] == "relation")
    extras = task["data"]["zhinvest"]
    assert extras["entities"]["e4"]["source_text"] == "蔚能(上海)電池科技有限公司"
    assert extras["entities"]["e5"]["value"] == "5000000000"
    assert extras["relations"][1] == {
        "type": "INVESTMENT", "investor": 4, "amount": 5, "location": 6, "stage": "planned",
        "project": "动力电池", "sector": "新能源", "evidence": "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区",
    }


def test_summary_without_total_is_a_self_link(traditional_doc):
    result = labelstudio.to_task(traditional_doc)["annotations"][0]["result"]
    links = [(item["from_id"], item["to_id"], item["labels"][0]) for item in result if item["type"] == "relation"]
    assert ("e9", "e9", "PROJECT_SUMMARY:count") in links
    assert links.count(("e12", "e13", "LOCATED_IN:location")) == 2


def test_config_lists_labels_and_relations():
    config = labelstudio_config()
    view = ElementTree.fromstring(config)
    labels = view.find("Labels")
    assert (labels.get("name"), labels.get("toName")) == ("label", "text")
    assert [label.get("value") for label in labels.findall("Label")] == list(LABELS)
    assert [relation.get("value") for relation in view.find("Relations").findall("Relation")] == [
        "INVESTMENT:investor", "INVESTMENT:location", "PROJECT_SUMMARY:total", "PROJECT_SUMMARY:count", "LOCATED_IN:location",
    ]
    assert view.find("Text").attrib == {"name": "text", "value": "$text"}


def test_annotator_edits_rebuild_relations(investment_doc):
    task = labelstudio.to_task(investment_doc, "predictions")
    result = task.pop("predictions")[0]["result"]
    result = [item for item in result if item.get("labels") != ["INVESTMENT:location"]]
    result.append({"id": "Zq3v9xK1", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": 4, "end": 6, "text": "记者", "labels": ["PERSON"]}})
    result.append({"from_id": "e4", "to_id": "e6", "type": "relation", "direction": "right", "labels": ["LOCATED_IN:location"]})
    task["annotations"] = [{"result": [], "was_cancelled": True}, {"result": result}]
    doc = labelstudio.from_task(task)
    assert doc.entities[:10] == investment_doc.entities
    added = doc.entities[10]
    assert (added.id, added.label, added.text, added.source_text, added.source_start) == (10, "PERSON", "记者", "记者", 4)
    assert doc.relations == (
        investment_doc.relations[0],
        # rebuilt from the links; stage and the rest from the stored relation with the same pivot
        InvestmentRelation(investor=4, amount=5, stage="planned", project="动力电池", sector="新能源",
                           evidence="蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区"),
        investment_doc.relations[2],
        LocatedInRelation(org=4, location=6),
    )


def test_plain_label_studio_export():
    task = {
        "id": 42,
        "data": {"text": "京东落户上海，5个项目签约"},
        "annotations": [{"result": [
            {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 0, "end": 2, "text": "京东", "labels": ["ORG"]}},
            {"id": "b2", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 4, "end": 6, "text": "上海", "labels": ["LOC"]}},
            {"id": "c3", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 7, "end": 9, "labels": ["PROJECT_COUNT"]}},
            {"from_id": "b2", "to_id": "a1", "type": "relation", "direction": "left", "labels": ["LOCATED_IN:location"]},
            {"from_id": "c3", "to_id": "c3", "type": "relation", "direction": "right", "labels": ["PROJECT_SUMMARY:count"]},
        ]}],
    }
    doc = labelstudio.from_task(task)
    assert doc.id == "42"
    assert [(entity.id, entity.label, entity.text) for entity in doc.entities] == [(0, "ORG", "京东"), (1, "LOC", "上海"), (2, "PROJECT_COUNT", "5个")]
    assert doc.relations == (LocatedInRelation(org=0, location=1), ProjectSummaryRelation(count=2))


@pytest.mark.parametrize(
    "task, message",
    [
        ({"data": {"html": "<p>x</p>"}}, "expected a task with data.text"),
        ({"data": {"text": "京东"}, "predictions": [{"result": [
            {"id": "a", "type": "labels", "value": {"start": 0, "end": 2, "text": "京东", "labels": ["ORG", "LOC"]}}]}]},
         "exactly one label"),
        ({"data": {"text": "京东"}, "predictions": [{"result": [
            {"id": "a", "type": "labels", "value": {"start": 0, "end": 2, "text": "京東", "labels": ["ORG"]}}]}]},
         r"region a: '京東' is not the text at \[0, 2\)"),
        ({"data": {"text": "京东上海"}, "predictions": [{"result": [
            {"id": "a", "type": "labels", "value": {"start": 0, "end": 2, "labels": ["ORG"]}},
            {"id": "b", "type": "labels", "value": {"start": 2, "end": 4, "labels": ["LOC"]}},
            {"from_id": "a", "to_id": "b", "type": "relation", "labels": ["works_in"]}]}]},
         "relation link 'works_in': not a zhinvest relation label"),
        ({"data": {"text": "京东上海"}, "predictions": [{"result": [
            {"id": "a", "type": "labels", "value": {"start": 0, "end": 2, "labels": ["ORG"]}},
            {"id": "b", "type": "labels", "value": {"start": 2, "end": 4, "labels": ["LOC"]}},
            {"from_id": "b", "to_id": "a", "type": "relation", "labels": ["INVESTMENT:location"]}]}]},
         "investor"),
    ],
    ids=["no text", "two labels", "text mismatch", "unknown relation", "missing investor"],
)
def test_malformed_tasks(tmp_path, task, message):
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormatError, match=message) as error:
        labelstudio.read(path)
    assert str(error.value).startswith(str(path))
    assert "\n" not in str(error.value)


def test_not_json(tmp_path):
    path = tmp_path / "tasks.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(FormatError, match="not valid JSON"):
        labelstudio.read(path)
    assert not labelstudio.detect(path)
