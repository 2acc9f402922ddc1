"""The rule resources in ``data/``, loaded by one function and checked against typed schemas.

:func:`load_resource` reads ``data/<name>.json`` and validates it with its schema in
:data:`SCHEMAS`: an unknown key (a typo, or a key no code reads any more), a missing key or a
value of the wrong shape is a :class:`~zhinvest.errors.ResourceError` naming the file and the
key, at load time rather than as a silent no-op. Components keep reading the validated data as
a plain mapping; a component's ``initialize(..., <resource>=...)`` passes its replacement
through :func:`validate_resource` too.

Two resources have schemas so far: ``names`` (the name components' vocabularies) and
``relations`` (the relation patterns). The others (units, qualifiers, money cues, …) are read
by :mod:`zhinvest.numbers` and the numeric components as before.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import Errors, ResourceError

__all__ = ["SCHEMAS", "NamesResource", "RelationsResource", "load_resource", "validate_resource"]


class _Resource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source: str = Field(alias="_source", min_length=1)


class NamesResource(_Resource):
    """``data/names.json``: organisation, place and person vocabularies (see its ``_source``)."""

    # organisations
    org_suffixes: tuple[str, ...]
    legal_forms: tuple[str, ...]
    industry_words: tuple[str, ...]
    org_left_boundaries: tuple[str, ...]
    org_suffix_blockers: dict[str, tuple[str, ...]]
    suffix_not_followed_by: dict[str, str]
    generic_name_parts: tuple[str, ...]
    central_bodies: tuple[str, ...]
    local_levels: tuple[str, ...]
    local_bodies: tuple[str, ...]
    standalone_bodies: tuple[str, ...]
    place_body_heads: tuple[str, ...]
    zones_before_bodies: tuple[str, ...]
    numbered_bureau: str
    investor_name_not_ending: tuple[str, ...]
    investment_modals: tuple[str, ...]
    list_nouns: tuple[str, ...]
    short_name_followers: tuple[str, ...]
    association_boundaries: tuple[str, ...]
    appositive_heads: tuple[str, ...]
    facility_words: tuple[str, ...]
    facility_descriptors: tuple[str, ...]
    facility_context_before: tuple[str, ...]
    facility_context_after: tuple[str, ...]
    sector_terms: tuple[str, ...]
    credit_labels: tuple[str, ...]
    media_name_endings: tuple[str, ...]
    media_roles_after: tuple[str, ...]
    media_leading_words: tuple[str, ...]
    company_units_before_title: tuple[str, ...]
    # persons
    titles: tuple[str, ...]
    titles_after_name: tuple[str, ...]
    titles_after_listed_name: tuple[str, ...]
    name_enders: tuple[str, ...]
    surnames: str
    compound_surnames: tuple[str, ...]
    # places
    countries: tuple[str, ...]
    regions: tuple[str, ...]
    not_places: tuple[str, ...]
    world_cities: tuple[str, ...]
    province_abbreviations: str
    abbreviation_before: tuple[str, ...]
    abbreviation_not_before: str
    place_suffix_patterns: tuple[str, ...]
    zone_words_after_unknown_name: tuple[str, ...]
    division_short_stoplist: tuple[str, ...]
    place_context: dict[str, Any]
    # shared
    boundary_words: tuple[str, ...]
    model_filter: dict[str, Any]


class RelationPattern(BaseModel):
    """One named relation pattern over a sentence's mention sequence (``components.relations``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    gives: Literal["INVESTMENT", "PROJECT_SUMMARY", "LOCATED_IN", "NONE", "HOST"]
    pattern: str = Field(min_length=1)
    about: str = Field(min_length=1)
    group: bool = False


class RelationsResource(_Resource):
    """``data/relations.json``: trigger word classes, stages and the named patterns."""

    clause_breaks: str
    words: dict[str, tuple[str, ...]]
    stages: dict[str, Literal["planned", "signed", "started", "landed"]]
    not_investment_cues: tuple[str, ...]
    threshold_after: tuple[str, ...]
    government_endings: tuple[str, ...]
    patterns: tuple[RelationPattern, ...]


#: Resource name → the schema its file must satisfy.
SCHEMAS: dict[str, type[_Resource]] = {"names": NamesResource, "relations": RelationsResource}


def validate_resource(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` if it satisfies the schema of resource ``name`` (a resource without a schema
    passes); else a :class:`~zhinvest.errors.ResourceError` saying which key is wrong."""
    schema = SCHEMAS.get(name)
    if schema is None:
        return data
    try:
        schema.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:5])
        raise ResourceError(Errors.E035.format(name=f"data/{name}.json", problems=problems)) from None
    return data


def load_resource(name: str) -> dict[str, Any]:
    """The resource ``data/<name>.json``, validated (:func:`validate_resource`)."""
    data: dict[str, Any] = json.loads(files("zhinvest").joinpath(f"data/{name}.json").read_text(encoding="utf-8"))
    return validate_resource(name, data)
