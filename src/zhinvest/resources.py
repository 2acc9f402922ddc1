"""The rule resources in ``data/``, loaded by one function and checked against typed schemas.

:func:`load_resource` reads ``data/<name>.json`` and validates it with its schema in
:data:`SCHEMAS`: an unknown key (a typo, or a key no code reads any more), a missing key or a
value of the wrong shape is a :class:`~zhinvest.errors.ResourceError` naming the file and the
key, at load time rather than as a silent no-op. Every file the package reads at run time has
a schema here, each beside a ``*_source.txt`` saying where its words come from. Components keep
reading the validated data as a plain mapping; a component's ``initialize(..., <resource>=...)``
and ``from_disk`` pass a replacement through :func:`validate_resource` too.

Which resource holds what (one fact, one place):

- one resource per rule component: ``organisations``, ``places``, ``persons`` (the name
  components), ``relations``, and the numeric tables ``units``, ``qualifiers``, ``money_cues``,
  ``area_context``, ``project_count``;
- a fact belongs to the component it describes, and another component that needs it reads it
  from there, as shipped: countries and world cities are places' (the organisations split a
  nationality off a name with them), titles, surnames and the words that end a person's name
  are persons' (an organisation's name stops at a title), organisation suffixes and legal forms
  organisations' (the ledger drops legal forms with them), the investment verbs the relations'
  (``words.invest``; the organisations find an unnamed investor before them);
- ``names`` is the one small resource the name components share: the boundary words that end
  any name, the function characters no name begins or ends with, and the checks on a
  statistical model's mentions (which no one rule component owns);
- the lexicons built by ``zhinvest build lexicons`` (``places_cn``, ``towns_cn``,
  ``places_hierarchy``, ``common_words``, ``crossing_words``, ``listed_companies``) and the
  reader's ``boilerplate``.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from .errors import Errors, ResourceError
from .schema import Qualifier, Stage

__all__ = [
    "SCHEMAS",
    "NamesResource",
    "OrganisationsResource",
    "PersonsResource",
    "PlacesResource",
    "RelationsResource",
    "load_resource",
    "validate_resource",
]


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"not a regular expression: {error}") from None
    return pattern


#: A word (never empty), a string of single characters, a regular expression.
Word = Annotated[str, Field(min_length=1)]
Chars = Annotated[str, Field(min_length=1)]
Regex = Annotated[str, Field(min_length=1), AfterValidator(_compiles)]
Words = tuple[Word, ...]


class _Resource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source: str = Field(alias="_source", min_length=1)


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# -- the name components ------------------------------------------------------------------


class ModelFilter(_Table):
    """Checks on a statistical model's mentions (not on the rules'), ``components._spans``."""

    #: SPEC excludes events, facilities, parks and zones: an ORG or LOC ending so is none.
    not_entity_endings: Words
    #: A model's place ending so is a road (no place, SPEC), unless the gazetteer knows it.
    not_place_endings: Words
    #: A model's place that is a word this frequent in jieba's dictionary and no gazetteer name
    #: (东西, 太阳) is none; no person or place is crossed at its edges by a word this frequent.
    frequent_word: int = Field(ge=1)


class NamesResource(_Resource):
    """``data/names.json``: what the name components share."""

    #: Function words and verbs that end a name walked to the left (organisations, places).
    boundary_words: Words
    #: Function characters: no name begins or ends with one, no zone's descriptor holds one.
    function_chars: Chars
    model_filter: ModelFilter


class OrganisationsResource(_Resource):
    """``data/organisations.json``: the ``zhinvest_organisations`` component's vocabulary."""

    #: Endings of organisation names (有限公司, 集团, 协会, 大学 …); a name walks left from one.
    org_suffixes: Words
    #: Legal forms (组织形式); a name of a legal form alone is none; the ledger drops them.
    legal_forms: Words
    #: Industry words (行业) between a trade name and its legal form.
    industry_words: Words
    #: Words (beyond the shared boundary words and the persons' titles) where a name's walk stops.
    org_left_boundaries: Words
    #: Per suffix, name endings that make a common noun, not a name (互联 + 网).
    org_suffix_blockers: dict[Word, Words]
    #: Per suffix, characters after which it is no suffix (网 + 络, 集团 + 化).
    suffix_not_followed_by: dict[Word, Chars]
    #: Generic words that are no name alone (企业, 科技, 新能源 …).
    generic_name_parts: Words
    central_bodies: Words
    #: A local body: level + body (市 + 委, 区 + 政府).
    local_levels: Words
    local_bodies: Words
    #: Bodies named alone (管委会, 发改委).
    standalone_bodies: Words
    #: Heads of a body named with its places and zone (某省某市 + 人民政府).
    place_body_heads: Words
    #: Last characters of a government department named with its places and its field
    #: (某市 + 能源 + 局, 某区 + 经济发展 + 局, 某地 + 投资推广 + 署).
    department_heads: Words
    #: Zone words between a place and a body (某某 + 经济技术开发区 + 管委会).
    zones_before_bodies: Words
    #: A numbered bureau (某某二局).
    numbered_bureau: Regex
    #: What no investor's name found before an investment verb ends with.
    investor_name_not_ending: Words
    #: Modal words between an investor's name and the investment verb (拟, 计划): no part of it.
    investment_modals: Words
    #: Time words, adverbs and verbs of progress (年内, 已, 完成, 力争): a candidate investor made of
    #: these, the modals and function words only (预计年内完成 + 投资M) names no one.
    investor_filler_words: Words
    #: Words allowed between an investment verb and its amount in the investor rule (约, 超过).
    investment_amount_qualifiers: Words
    #: Head nouns of a list of organisations after 等 (等10家企业).
    list_nouns: Words
    #: Words after which a trade name with an industry word ends a short name (某某科技 + 决定).
    short_name_followers: Words
    #: Where an association's name walk stops (it may hold verbs and generic words).
    association_boundaries: Words
    #: Suffixes of associations, whose names may hold a generic phrase (上市公司协会).
    association_suffixes: Words
    #: The base suffix a longer one ends with (科技公司 → 公司), for the suffix tables.
    base_suffixes: Words
    #: Generic heads that end a description before a name (上市公司 + 某某).
    generic_heads: Words
    #: Described kinds of company a name follows (科技公司 + 某某).
    appositive_heads: Words
    #: Facilities a company opens (研发中心); a name before one, in a list or after a verb.
    facility_words: Words
    facility_descriptors: Words
    facility_context_before: Words
    facility_context_after: Words
    #: Sectors (人工智能): no company name begins or ends with one.
    sector_terms: Words
    #: Industry words that also name a sector or an activity: before 项目 a kind of project.
    sector_like_industry_words: Words
    #: Credit labels (图片来源) and news outlets' name endings and roles (某某日报 + 记者).
    credit_labels: Words
    media_name_endings: Words
    media_roles_after: Words
    media_leading_words: Words
    #: Labels of a source line (来源：), before an outlet that is no ORG there.
    source_labels: Words
    #: Company units between a foreign company and a title (大中华区 + 总裁).
    company_units_before_title: Words
    #: Words between a company and an executive's title (某某集团 + 相关 + 负责人).
    title_modifiers: Words
    #: Characters that end a trade name's slot (与, 在, 的 …).
    not_in_trade_name: Chars
    #: Nouns after which a listed name is a field, not the company (黄金 + 行业).
    field_nouns: Words
    #: Words after which what stands before an investment verb is a place (在某地投资).
    locatives_before_place: Words
    #: What ends a place name: a listed name before one is part of the place (某某高新 + 区).
    place_endings: Words
    #: Characters no signing partner's name begins with (与会, 与其), and generic partners.
    not_partner_start: Chars
    generic_partners: Words
    #: Verbs of a subject that builds or invests at a place (X将在L + 建设): X is a name.
    builds_at_place_verbs: Words
    #: Subjects of such a clause that are no name (该公司, 双方, 今年).
    not_subjects: Words
    #: The verbs and adverbs of a signing (与某某正式签署).
    signing_verbs: Words
    signing_adverbs: Words
    #: The legal forms and industry words dropped to make a short form (某某科技有限公司 → 某某).
    short_form_legal_forms: Words
    short_form_industry_words: Words
    #: Words between a parent and its subsidiary (某某集团 + 下属 + 某某公司): the parent is an organisation.
    parent_links: Words
    #: Organs only a company has (董事会, 股东大会): the name right before one is a company (某某董事会通过).
    company_organs: Words


class PlacesResource(_Resource):
    """``data/places.json``: the ``zhinvest_places`` component's vocabulary (the divisions
    themselves are in ``places_cn`` and ``towns_cn``)."""

    countries: Words
    #: World regions (亚洲, 长三角); those in ``not_places`` are no places (全球, 海外).
    regions: Words
    not_places: Words
    world_cities: Words
    #: One-character province abbreviations (沪, 京 …), places after ``abbreviation_before``
    #: (在沪, 来华) unless a character of ``abbreviation_not_before`` follows (华为).
    province_abbreviations: Chars
    abbreviation_before: Words
    abbreviation_not_before: Chars
    #: Words after a compound of abbreviations that make it a place as a noun (港澳 + 地区).
    abbreviation_compound_after: Words
    #: Zone words that make one place with the place before them (徐汇 + 滨江, 长沙 + 经开区).
    place_suffix_patterns: Words
    #: Zone words after which an unknown name of two to four characters is a place (翠亨 + 新区).
    zone_words_after_unknown_name: Words
    #: Area words whose own name after a place makes a place of its own (重庆 + 两江新区, 郑州市 +
    #: 航空港区), where a development zone's makes one place with it (漳州古雷港经济开发区).
    zone_words_named_apart: Words
    #: Suffixes of first-level divisions abroad (省 州 县 府 邦 郡): a name of two to five characters
    #: right after a foreign country and ending in one is a place of its own (日本 + 某某县).
    foreign_division_suffixes: Words
    #: Named zones and new areas (国家级新区, 合作区), places wherever they stand.
    named_zones: Words
    #: The names by which well-known national-level zones are called (中关村, 光谷), places too.
    zone_aliases: Words
    #: Modifiers that make a zone generic, not named (国家级 + 开发区).
    zone_generic_names: Words
    #: Short forms of divisions that are ordinary words (和平, 城关), read by ``zhinvest build
    #: lexicons`` when it builds ``places_cn``.
    division_short_stoplist: Words
    #: Suffixes of administrative names, longest first, stripped to make short forms.
    division_suffixes: Words
    #: Words that begin with an administrative suffix: a name before them is the short form
    #: (商丘 + 市场).
    division_suffix_words: Words
    #: What makes a place name the start of a road's name (白沙路, 北京东路: no place), the
    #: directions that may stand between, and the words that begin with a road word (路演).
    road_words: Words
    road_directions: Words
    not_road_after: Words
    #: A credit line naming the source, whose words are no entities (SPEC).
    source_line: Regex
    #: What a place's name takes to name its people or area, still a place (香港人, 台湾地区).
    place_affixes: Words
    #: The ends of a town's name, and characters before 镇 that make a phrase (特色小镇).
    town_words: Words
    generic_before_town: Chars
    #: Aspect particles: no name begins with one (意味着 + X新区).
    aspect_particles: Chars


class PersonsResource(_Resource):
    """``data/persons.json``: the ``zhinvest_persons`` component's vocabulary."""

    #: Job titles: a name follows one (董事长李书福); no name begins with one.
    titles: Words
    #: Titles written after the name (习近平总书记).
    titles_after_name: Words
    #: Titles after which a name at the start of a clause or list item is one (，张三董事长).
    titles_after_listed_name: Words
    #: Verbs and particles that end a name (说, 表示, 在).
    name_enders: Words
    #: Single-character surnames (百家姓) and compound ones.
    surnames: Chars
    compound_surnames: Words
    #: Common Japanese family names (two characters, written in Chinese characters: 山田, 铃木);
    #: after a title they begin a name as a compound surname does (总裁山田浩二).
    japanese_surnames: Words
    #: A reporter's title in a byline (记者, 通讯员; written spaced or not), what may precede it
    #: (特约, 见习), and titles standing alone (实习生).
    byline_titles: Words
    byline_title_prefixes: Words
    byline_titles_alone: Words
    #: Words before a name that begins a list item (和, 与, 据).
    list_words: Words
    #: Conjunctions before the last name of a list (A、B及C), and verbs after it.
    list_end_conjunctions: Words
    verbs_after_listed_names: Words
    #: Last characters of bodies and places, never of a name before a title (区委, 集团).
    body_end_chars: Chars
    #: Characters that do not begin a given name in running text.
    not_given_name_start: Chars
    #: Characters after which a two-character name is more likely than a three-character one.
    two_character_name_before: Chars


# -- relations ----------------------------------------------------------------------------


class RelationPattern(BaseModel):
    """One named relation pattern over a sentence's mention sequence (``components.relations``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    gives: Literal["INVESTMENT", "PROJECT_SUMMARY", "LOCATED_IN", "NONE", "HOST"]
    pattern: str = Field(min_length=1)
    about: str = Field(min_length=1)
    group: bool = False
    placed: bool = False


class RelationsResource(_Resource):
    """``data/relations.json``: trigger word classes, stages and the named patterns."""

    clause_breaks: str
    words: dict[str, Words]
    stages: dict[str, Stage]
    not_investment_cues: Words
    threshold_after: Words
    government_endings: Words
    patterns: tuple[RelationPattern, ...]


# -- numbers ------------------------------------------------------------------------------


class UnitsResource(_Resource):
    """``data/units.json``: numerals, units, currencies (:class:`zhinvest.numbers.Lexicon`)."""

    digits: dict[Word, int]
    small_units: dict[Word, int]
    big_units: dict[Word, int]
    approximators: dict[Word, Qualifier]
    decimal_points: Chars
    magnitude_prefixes: Words
    currencies: dict[Word, Annotated[str, Field(pattern=r"^[A-Z]{3}$")]]
    not_currency_after_yuan: Chars
    #: Square metres per unit, an integer or a fraction (亩: 10000/15).
    area_units: dict[Word, Annotated[str, Field(pattern=r"^[0-9]+(?:/[0-9]+)?$")]]
    area_units_needing_big_multiplier: Words
    area_value_places: int = Field(ge=0)
    project_classifiers: Chars


class QualifiersResource(_Resource):
    """``data/qualifiers.json``: the qualifier words around an amount (SPEC)."""

    before: dict[Word, Qualifier]
    after: dict[Word, Qualifier]
    bare_threshold_after: dict[Word, Qualifier]
    compound_exceptions: Words
    adverbs_over_verb: dict[Word, Qualifier]


class MoneyCuesResource(_Resource):
    """``data/money_cues.json``: words that make a bare 亿 amount money."""

    cues: Words


class AreaContextResource(_Resource):
    """``data/area_context.json``: when 方 is no area."""

    volume_cues: Words
    not_unit_after_fang: Chars


class ProjectCountResource(_Resource):
    """``data/project_count.json``: the words of a count of projects."""

    counted_nouns: Words
    modifier_breakers: Words
    count_verbs_before_number: Words
    max_modifier_chars: int = Field(ge=0)
    max_continuation_chars: int = Field(ge=0)
    not_count_after_classifier_patterns: tuple[Regex, ...]
    ordinal_prefixes: Words
    another_one_words: Words
    noun_compound_verbs: Words


# -- the reader and the built lexicons ----------------------------------------------------


class BoilerplateResource(_Resource):
    """``data/boilerplate.json``: page furniture the reader drops (``reader.normalise``)."""

    drop_line_patterns: tuple[Regex, ...]
    trailer_patterns: tuple[Regex, ...]
    source_line: Regex
    author_line: Regex
    date_line: Regex
    paragraph_openers: Regex
    site_marker_line: Regex
    link_list_separators: Chars


class CommonWordsResource(_Resource):
    """``data/common_words.json``: frequent ordinary words (jieba)."""

    words: Words


class CrossingWordsResource(_Resource):
    """``data/crossing_words.json``: frequent words that are no places, and the gazetteer
    names' own frequencies (jieba)."""

    words: dict[Word, int]
    place_frequencies: dict[Word, int]


class ListedCompaniesResource(_Resource):
    """``data/listed_companies.json``: short names of listed companies (adata)."""

    names: Words


class PlacesCnResource(_Resource):
    """``data/places_cn.json``: administrative divisions of China (cpca)."""

    full_names: Words
    #: Short form → its full name(s).
    short_forms: dict[Word, str]
    #: The short forms left out as ordinary words, with jieba's tag and frequency: the
    #: builder's record of what it filtered, for review (no code reads it at run time).
    dropped_short_forms: dict[Word, str]


class TownsCnResource(_Resource):
    """``data/towns_cn.json``: township-level divisions (National Bureau of Statistics)."""

    full_names: Words
    #: County → the short forms of its towns, space-separated.
    town_short_forms: dict[Word, str]
    #: City → its counties, space-separated.
    counties: dict[Word, str]


class PlacesHierarchyResource(_Resource):
    """``data/places_hierarchy.json``: each division by code with its parent (the ledger)."""

    #: The licence of the source data (cpca's), beside ``_source``.
    licence: Word
    divisions: dict[Annotated[str, Field(pattern=r"^[0-9]{6}$")], tuple[Word, str | None]]
    abbreviations: dict[Word, str]


#: Resource name (the file ``data/<name>.json``) → the schema it must satisfy.
SCHEMAS: dict[str, type[_Resource]] = {
    "names": NamesResource,
    "organisations": OrganisationsResource,
    "places": PlacesResource,
    "persons": PersonsResource,
    "relations": RelationsResource,
    "units": UnitsResource,
    "qualifiers": QualifiersResource,
    "money_cues": MoneyCuesResource,
    "area_context": AreaContextResource,
    "project_count": ProjectCountResource,
    "boilerplate": BoilerplateResource,
    "common_words": CommonWordsResource,
    "crossing_words": CrossingWordsResource,
    "listed_companies": ListedCompaniesResource,
    "places_cn": PlacesCnResource,
    "towns_cn": TownsCnResource,
    "places_hierarchy": PlacesHierarchyResource,
}


def validate_resource(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` if it satisfies the schema of resource ``name``; else a
    :class:`~zhinvest.errors.ResourceError` saying which key is wrong."""
    schema = SCHEMAS.get(name)
    if schema is None:
        raise ResourceError(Errors.E035.format(name=f"data/{name}.json", problems=f"no such resource (one of {', '.join(sorted(SCHEMAS))})"))
    try:
        schema.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:5])
        raise ResourceError(Errors.E035.format(name=f"data/{name}.json", problems=problems)) from None
    return data


def load_resource(name: str) -> dict[str, Any]:
    """The resource ``data/<name>.json``, validated (:func:`validate_resource`); a fresh copy
    each call, which the caller may keep or change."""
    data: dict[str, Any] = json.loads(files("zhinvest").joinpath(f"data/{name}.json").read_text(encoding="utf-8"))
    return validate_resource(name, data)
