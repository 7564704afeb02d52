"""Facet counts for the finders: how many results each option would give with the other filters.

One GROUP BY per facet over its through table (the story's own row for its type), joined to the
ids the other filters leave, never one query per option; facets that share those ids share one
statement. The topic and region hierarchies are expanded in SQL, so a parent counts the stories
of its subtree exactly as the filter matches them, each story once however many of its links lie
in that subtree (_hierarchy_sql does so without de-duplicating every expanded link). Counts are
stored and recounted off the request path by stories.counts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import F, QuerySet
from taggit.models import Tag, TaggedItem

from organizations.models import Organization
from stories.cache import content_version
from stories.filters import FACETS, KIND_OPTIONS, RoundUpFilter, StoryFilter
from stories.models import Region, RoundUp, RoundUpItem, Story, Topic

FACET_WORK_MEM = "64MB"
# The story types in the vocabulary's order: counted by their position here (see _value_sql).
KINDS = tuple(KIND_OPTIONS)
# How many options a facet lists (besides the chosen ones), most results first.
SHOWN = {"organization": 12, "tag": 12, "country": 12}


@dataclass
class Option:
    slug: str
    name: str
    count: int | None  # None while the state's counts are being made
    selected: bool = False
    depth: int = 0


@dataclass
class Facet:
    name: str
    label: str
    groups: list[tuple[str, list[Option]]] = field(default_factory=list)
    hidden: int = 0  # options with results that are not listed

    @property
    def options(self) -> list[Option]:
        return [option for _, options in self.groups for option in options]


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def _expansion_sql(facet: str) -> str | None:
    """SQL pairs (value_id, facet_id): a story tagged value_id counts for facet_id."""
    if facet == "topic":
        topic = _qn(Topic._meta.db_table)
        # A topic counts its own stories and its sub-topics' (Topic.with_descendants).
        return (
            f"SELECT id AS value_id, id AS facet_id FROM {topic} "
            f"UNION ALL SELECT id, parent_id FROM {topic} WHERE parent_id IS NOT NULL"
        )
    if facet == "region":
        region = _qn(Region._meta.db_table)
        members = _qn(Region.members.through._meta.db_table)
        # The same coverage as Region.objects.covered_by: the subtree of a place (a prefix of its
        # materialised path), and for a grouping the grouping itself and its member countries.
        return (
            f"SELECT tagged.id AS value_id, area.id AS facet_id FROM {region} tagged "
            f"JOIN {region} area ON area.path <> '' AND tagged.path LIKE area.path || '%%' "
            f"UNION ALL SELECT id, id FROM {region} WHERE path = '' "
            f"UNION ALL SELECT to_region_id, from_region_id FROM {members}"
        )
    return None


# Values that depend on the vocabulary alone, read once per content version by each process
# (editing a theme, place or organization moves the version on): name -> (version, value).
_per_version: dict[str, tuple[int, Any]] = {}


def _once_per_version(name: str, read: Callable[[], Any]) -> Any:
    version = content_version()
    held = _per_version.get(name)
    if held is None or held[0] != version:
        held = (version, read())
        _per_version[name] = held
    return held[1]


# The hierarchies' expansion pairs, read in one statement: the places' pairs join every place to
# every place by path prefix, 16 ms of every count that read them, once per group of facets.
HIERARCHIES = ("topic", "region")
# An empty vocabulary's VALUES list still needs a row: one that no link matches.
NO_PAIRS = "(CAST(NULL AS INTEGER), CAST(NULL AS INTEGER))"


def _expansion_tables() -> dict[str, str]:
    """Each hierarchy's distinct (value_id, facet_id) pairs as a VALUES list of the numbers."""
    return _once_per_version("expansions", _read_expansion_tables)


def _read_expansion_tables() -> dict[str, str]:
    pairs: dict[str, list] = {name: [] for name in HIERARCHIES}
    every = " UNION ALL ".join(
        f"SELECT DISTINCT {number}, value_id, facet_id FROM ({_expansion_sql(name)}) e{number}"
        for number, name in enumerate(HIERARCHIES)
    )
    with connection.cursor() as cursor:
        cursor.execute(every)
        for number, value, facet_id in cursor.fetchall():
            pairs[HIERARCHIES[number]].append(f"({int(value)}, {int(facet_id)})")
    return {name: "VALUES " + (", ".join(rows) or NO_PAIRS) for name, rows in pairs.items()}


def _order_sql(facet: str) -> str:
    """SQL (id, rank): an order of the facet's values that keeps most facets' values together.

    Topics: each top-level theme, then its sub-topics. Places: by materialised path in byte
    order, where a place's subtree is one block. Groupings gather countries from all over.
    """
    if facet == "topic":
        topic = _qn(Topic._meta.db_table)
        return (
            f"SELECT id, ROW_NUMBER() OVER (ORDER BY COALESCE(parent_id, id), "
            f"parent_id IS NOT NULL, id) AS rank FROM {topic}"
        )
    collation = '"C"' if connection.vendor == "postgresql" else "BINARY"
    return (
        f"SELECT id, ROW_NUMBER() OVER (ORDER BY path COLLATE {collation}, id) AS rank "
        f"FROM {_qn(Region._meta.db_table)}"
    )


def _through(facet: str) -> tuple[str, str, str, list]:
    """Table, story column and value column of the facet's links, and any extra condition."""
    if facet == "type":
        # A column of the story itself: its "link" is the story's own row.
        return Story._meta.db_table, "id", "kind", []
    if facet == "tag":
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_model(Story)
        return (
            TaggedItem._meta.db_table,
            "object_id",
            "tag_id",
            [("content_type_id", content_type.pk)],
        )
    through = getattr(Story, {"topic": "topics", "region": "regions"}.get(facet, facet + "s"))
    through = through.through
    return through._meta.db_table, "story_id", f"{facet}_id", []


Groups = list[tuple[list[str], QuerySet]]


def grouped_counts(groups: Groups, *, unique_pairs: bool) -> dict[str, dict[int, int]]:
    """Count distinct subjects per option of each facet, all in one statement.

    Each group is a list of facets and the (subject_pk, story_pk) pairs they are counted over,
    as a common table expression that all of the group's GROUP BYs read: the filters behind the
    pairs run once however many facets share them. `unique_pairs` says a subject has each story
    once (stories themselves): counting then needs no DISTINCT unless a hierarchy maps one link
    to several options.
    """
    sql, params = grouped_sql(groups, unique_pairs=unique_pairs)
    facets = [facet for group, _ in groups for facet in group]
    counts: dict[str, dict[int, int]] = {facet: {} for facet in facets}
    on_postgresql = connection.vendor == "postgresql"
    with transaction.atomic() if on_postgresql else nullcontext(), connection.cursor() as cursor:
        if on_postgresql:
            # Sorting each hierarchy's links and de-duplicating the scattered facets' pairs handle
            # a few hundred thousand rows at archive scale; PostgreSQL's default 4 MB would spill
            # them to disk (twice as slow).
            cursor.execute("SET LOCAL work_mem = %s", [FACET_WORK_MEM])
            # Compiling the statement costs more than it saves on a statement this short.
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        for index, option, count in cursor.fetchall():
            if option is not None:
                facet = facets[index]
                counts[facet][KINDS[option] if facet == "type" else option] = count
    return counts


def grouped_sql(groups: Groups, *, unique_pairs: bool) -> tuple[str, list]:
    tables, parts, table_params, part_params = [], [], [], []
    expansions = None
    for number, (facets, pairs) in enumerate(groups):
        pairs_sql, pairs_params = pairs.query.sql_with_params()
        tables.append(f"p{number} AS ({pairs_sql})")
        table_params += pairs_params
        for facet in facets:
            index = len(parts)
            if facet in HIERARCHIES:
                expansions = expansions or _expansion_tables()
                facet_tables, params = _hierarchy_tables(
                    facet, f"p{number}", index, unique_pairs, expansions[facet]
                )
                tables += facet_tables
                table_params += params
                parts.append(_hierarchy_sql(index))
            else:
                sql, params = _flat_sql(facet, f"p{number}", index, unique_pairs)
                parts.append(sql)
                part_params += params
    # Parameters in the order of the text: the pairs' filters, then each facet's conditions.
    sql = "WITH " + ", ".join(tables) + " " + " UNION ALL ".join(parts)
    return sql, [*table_params, *part_params]


def _links_sql(facet: str, pairs: str) -> tuple[str, str, str, list]:
    """FROM and WHERE of the facet's links of the pairs' stories, the value column, params."""
    table, story_column, value_column, conditions = _through(facet)
    sql = f"FROM {pairs} p JOIN {_qn(table)} st ON st.{_qn(story_column)} = p.story_pk"
    where = [f"st.{_qn(column)} = %s" for column, _ in conditions]
    return sql, " AND ".join(where), f"st.{_qn(value_column)}", [v for _, v in conditions]


def _value_sql(facet: str, value: str) -> tuple[str, list]:
    """The facet's value as a number: a type (a word) by its position in KINDS, because a column
    of the UNION has one type and every other facet's values are ids."""
    if facet != "type":
        return value, []
    cases = " ".join(f"WHEN %s THEN {int(position)}" for position in range(len(KINDS)))
    return f"CASE {value} {cases} END", list(KINDS)


def _flat_sql(facet: str, pairs: str, index: int, unique_pairs: bool) -> tuple[str, list]:
    links, where, value, params = _links_sql(facet, pairs)
    value, value_params = _value_sql(facet, value)
    params = [*value_params, *params]  # in the order of the text
    distinct = "" if unique_pairs else "DISTINCT "
    where = f" WHERE {where}" if where else ""
    inner = f"SELECT {distinct}{value} AS facet_id, p.subject_pk {links}{where}"
    # The facet's position is a literal: a parameter in a UNION would have no type.
    sql = f"SELECT {int(index)} AS facet, d.facet_id, COUNT(*) FROM ({inner}) d GROUP BY d.facet_id"
    return sql, params


def _hierarchy_tables(
    facet: str, pairs: str, index: int, unique_pairs: bool, expansion: str
) -> tuple[list[str], list]:
    """The facet's links (l), expansion (e), order (o), and facets of several values (m) whose
    values are one block of the order (c: in runs) or not (x: scattered)."""
    links, where, value, params = _links_sql(facet, pairs)
    e, o, m = f"e{index}", f"o{index}", f"m{index}"
    several = (
        f"SELECT e.facet_id, MIN(o.rank) AS low, MAX(o.rank) AS high, "
        f"MAX(o.rank) - MIN(o.rank) + 1 = COUNT(DISTINCT o.rank) AS block "
        f"FROM {e} e JOIN {o} o ON o.id = e.value_id GROUP BY e.facet_id "
        f"HAVING COUNT(DISTINCT o.rank) > 1"
    )
    # Materialised: every count below reads the links, and the planner, misled by the filters'
    # estimates, would otherwise join all links to the order before filtering them.
    # Distinct for round-ups, which reach a place once through each of their stories there.
    distinct = "" if unique_pairs else "DISTINCT "
    links = f"SELECT {distinct}p.subject_pk, {value} AS value_id {links}" + (
        f" WHERE {where}" if where else ""
    )
    tables = [
        f"{e}(value_id, facet_id) AS ({expansion})",
        f"{o} AS ({_order_sql(facet)})",
        f"{m} AS ({several})",
        f"c{index} AS (SELECT facet_id, low, high FROM {m} WHERE block)",
        f"x{index}(facet_id) AS (SELECT facet_id FROM {m} WHERE NOT block)",
        f"l{index} AS MATERIALIZED ({links})",
    ]
    return tables, params


def _hierarchy_sql(index: int) -> str:
    """Count a hierarchical facet without de-duplicating every expanded link.

    A facet that only its own value reaches is counted per value. For a facet whose values are
    one block of the order (c), a subject's links sorted in that order reach it in one run: each
    subject's links are reduced to counts per (value, rank of the previous value), a few
    thousand rows, and a link counts for the facets its value reaches and the previous value
    does not, so once per subject. The other facets (x) are counted over distinct (facet,
    subject) pairs.
    """
    e, o, m, c, x, links = (f"{name}{index}" for name in "eomcxl")
    own = (
        f"SELECT {int(index)} AS facet, l.value_id, COUNT(*) FROM {links} l "
        f"WHERE l.value_id NOT IN (SELECT facet_id FROM {m}) GROUP BY l.value_id"
    )
    runs = (
        f"SELECT l.value_id, "
        f"LAG(o.rank) OVER (PARTITION BY l.subject_pk ORDER BY o.rank) AS prev_rank "
        f"FROM {links} l JOIN {o} o ON o.id = l.value_id WHERE l.value_id IN ("
        f"SELECT value_id FROM {e} WHERE facet_id IN (SELECT facet_id FROM {c}))"
    )
    steps = (
        f"SELECT r.value_id, r.prev_rank, COUNT(*) AS n FROM ({runs}) r "
        f"GROUP BY r.value_id, r.prev_rank"
    )
    # The previous link reaches the facet if its rank lies in the facet's block.
    in_runs = (
        f"SELECT {int(index)} AS facet, e.facet_id, CAST(SUM(s.n) AS BIGINT) FROM ({steps}) s "
        f"JOIN {e} e ON e.value_id = s.value_id JOIN {c} c ON c.facet_id = e.facet_id "
        f"WHERE s.prev_rank IS NULL OR s.prev_rank NOT BETWEEN c.low AND c.high GROUP BY e.facet_id"
    )
    pairs = (
        f"SELECT DISTINCT e.facet_id, l.subject_pk FROM {links} l "
        f"JOIN {e} e ON e.value_id = l.value_id WHERE e.facet_id IN (SELECT facet_id FROM {x})"
    )
    scattered = (
        f"SELECT {int(index)} AS facet, d.facet_id, COUNT(*) FROM ({pairs}) d GROUP BY d.facet_id"
    )
    return f"{own} UNION ALL {in_runs} UNION ALL {scattered}"


def story_pairs(stories: QuerySet) -> QuerySet:
    return stories.order_by().values(subject_pk=F("pk"), story_pk=F("pk"))


def round_up_pairs(round_ups: QuerySet, stories: QuerySet) -> QuerySet:
    """(round-up, story) for each published story a round-up leads with or lists."""
    items = RoundUpItem.objects.filter(roundup__in=round_ups.values("pk"), story__in=stories)
    items = items.order_by().values(subject_pk=F("roundup_id"), story_pk=F("story_id"))
    leads = round_ups.filter(lead_story__in=stories)
    leads = leads.order_by().values(subject_pk=F("pk"), story_pk=F("lead_story_id"))
    return items.union(leads, all=True)


def _counts(filterset: StoryFilter) -> dict[str, dict[int, int]]:
    """Counts for every facet in one statement: each chosen facet is counted without its own
    choice, and the others share one base, the fully filtered results."""
    cleaned = filterset.cleaned()
    by_exclusion: dict[str | None, list[str]] = {}
    for facet in FACETS:
        by_exclusion.setdefault(facet if cleaned.get(facet) else None, []).append(facet)
    groups, digests = [], isinstance(filterset, RoundUpFilter)
    for excluded, facets in by_exclusion.items():
        exclude = (excluded,) if excluded else ()
        if digests:
            round_ups = filterset.round_up_queryset(RoundUp.objects.published())
            stories = filterset.story_queryset(exclude=exclude).values("pk")
            groups.append((facets, round_up_pairs(round_ups, stories)))
        else:
            stories = filterset.filter_queryset(
                Story.objects.published(), exclude=exclude, for_counting=True
            )
            groups.append((facets, story_pairs(stories)))
    return grouped_counts(groups, unique_pairs=not digests)


# --- Labelled options ---------------------------------------------------------------------------


def _top(counts: dict[int, int], limit: int) -> list[int]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [pk for pk, count in ranked[:limit] if count]


# The themes, places and approved organizations options are labelled with: read for every count,
# they took a tenth of a new search's.
def vocabulary() -> dict[str, dict]:
    """{"topic" | "region" | "organization": {pk: object}}, each in its model's order."""
    return _once_per_version("labels", _read_vocabulary)


def _read_vocabulary() -> dict[str, dict]:
    return {
        "topic": {t.pk: t for t in Topic.objects.only("slug", "name", "parent")},
        "region": {
            r.pk: r
            for r in Region.objects.exclude(kind=Region.Kind.WORLD).only(
                "slug", "name", "kind", "path"
            )
        },
        "organization": {o.pk: o for o in Organization.objects.approved().only("slug", "name")},
    }


def _topic_groups(counts):
    topics = [topic for pk, topic in vocabulary()["topic"].items() if counts.get(pk)]
    by_parent: dict[int | None, list[Topic]] = {}
    for topic in topics:
        by_parent.setdefault(topic.parent_id, []).append(topic)
    listed, options = set(), []

    def add(topic, depth):
        listed.add(topic.pk)
        options.append(Option(topic.slug, topic.name, counts[topic.pk], depth=depth))
        for child in by_parent.get(topic.pk, []):
            add(child, depth + 1)

    for topic in topics:
        is_root = topic.parent_id is None or topic.parent_id not in counts
        if is_root and topic.pk not in listed:
            add(topic, 0)
    return [("", options)], 0


def _region_groups(counts):
    known = vocabulary()["region"]
    regions = [known[pk] for pk, n in counts.items() if n and pk in known]
    areas, groupings, countries = [], [], []
    for region in sorted(regions, key=lambda r: r.path):
        option = Option(region.slug, region.name, counts[region.pk])
        if region.kind == Region.Kind.GROUPING:
            groupings.append(option)
        elif region.kind == Region.Kind.COUNTRY:
            countries.append(option)
        else:
            option.depth = region.depth - 1  # continents flush left, then a step a level
            areas.append(option)
    countries.sort(key=lambda o: (-o.count, o.name))
    limit = SHOWN["country"]
    groups = [("Regions", areas), ("Groupings", sorted(groupings, key=lambda o: o.name))]
    groups.append(("Countries and areas", countries[:limit]))
    return groups, max(len(countries) - limit, 0)


def _flat_groups(model, counts, limit):
    if model is Organization:
        # Readers see only organizations a moderator approved: the others are not offered.
        objects = vocabulary()["organization"]
        counts = {pk: n for pk, n in counts.items() if pk in objects}
        top = _top(counts, limit)
    else:
        top = _top(counts, limit)
        objects = {obj.pk: obj for obj in model.objects.filter(pk__in=top)}
    options = [
        Option(objects[pk].slug, str(objects[pk].name), counts[pk]) for pk in top if pk in objects
    ]
    return [("", options)], max(len([n for n in counts.values() if n]) - len(options), 0)


def _kind_groups(counts, chosen=()):
    """The types with results (and any chosen), in the vocabulary's order: six at most, so
    every one is listed."""
    options = [
        Option(option.slug, option.name, counts.get(option.pk, 0))
        for option in KIND_OPTIONS.values()
        if counts.get(option.pk) or option.pk in chosen
    ]
    return [("", options)], 0


def _labelled(facet: str, counts: dict[int, int]):
    if facet == "type":
        return _kind_groups(counts)
    if facet == "topic":
        return _topic_groups(counts)
    if facet == "region":
        return _region_groups(counts)
    model = Organization if facet == "organization" else Tag
    return _flat_groups(model, counts, SHOWN[facet])


def panel_key(filterset: StoryFilter, version: int) -> str:
    """The facet panel's cache key: the state and the version its counts were counted at."""
    kind = filterset.cache_name
    state = hashlib.md5(filterset.normalised_query().encode(), usedforsecurity=False).hexdigest()
    return f"facets:{kind}:{version}:{state}"


def labelled_counts(filterset: StoryFilter) -> dict:
    """Every facet's counts from scratch, with the options to list (one statement)."""
    labelled = {}
    for facet, counts in _counts(filterset).items():
        groups, hidden = _labelled(facet, counts)
        labelled[facet] = (groups, hidden, counts)
    return labelled


def counts_for(filterset: StoryFilter) -> dict[str, dict[int, int]]:
    """Each facet's counts by option id: the same counts as facets_for (for the API)."""
    from stories import counts

    stored = counts.counts_for(filterset).facets
    return {facet: stored[facet][2] for facet in FACETS}


def facets_for(filterset: StoryFilter, counts=None) -> list[Facet]:
    """The finder's facets with counts (stories.counts.counts_for unless given)."""
    if counts is None:
        from stories.counts import counts_for

        counts = counts_for(filterset)
    stored = counts.facets
    facets = []
    cleaned = filterset.cleaned()
    for facet in FACETS:
        # Counts still being made (stories.counts): the chosen options alone, with no number.
        groups, hidden, counts = stored.get(facet, ([], 0, None))
        chosen = {obj.slug: obj for obj in cleaned.get(facet) or []}
        groups = [
            (title, [_copy(option, option.slug in chosen) for option in options])
            for title, options in groups
        ]
        listed = {option.slug for _, options in groups for option in options}
        missing = [
            Option(obj.slug, str(obj.name), None if counts is None else counts.get(obj.pk, 0), True)
            for slug, obj in sorted(chosen.items())
            if slug not in listed
        ]
        if missing:
            groups.insert(0, ("Chosen", missing))
        label = filterset.filters[facet].label
        facets.append(Facet(facet, label, [(t, o) for t, o in groups if o], hidden))
    return facets


def _copy(option: Option, selected: bool) -> Option:
    return Option(option.slug, option.name, option.count, selected, option.depth)


# --- Every option of a facet (the indexes and the facet's full list) ----------------------------


def option_counts(filterset: StoryFilter) -> dict[str, dict[int, int]]:
    """Results per option of every facet, from the same cache entry as the finder's panel."""
    from stories import counts

    stored = counts.counts_for(filterset).facets
    return {facet: stored[facet][2] for facet in FACETS}


def all_options(filterset: StoryFilter, facet: str) -> list[tuple[str, list[Option]]]:
    """Every option of one facet with results (and every chosen one), grouped as in the panel,
    by name within a group: the full list the panel's "more" link leads to."""
    counts = option_counts(filterset)[facet]
    chosen = {obj.pk for obj in filterset.cleaned().get(facet) or []}
    wanted = [pk for pk, count in counts.items() if count or pk in chosen] + list(chosen)
    if facet == "type":
        groups, _ = _kind_groups(counts, chosen)
    elif facet == "topic":
        groups, _ = _topic_groups({pk: counts.get(pk, 0) for pk in wanted})
    elif facet == "region":
        regions = Region.objects.filter(pk__in=wanted).exclude(kind=Region.Kind.WORLD)
        areas, groupings, countries = [], [], []
        for region in sorted(regions, key=lambda r: r.path):
            option = Option(region.slug, region.name, counts.get(region.pk, 0))
            if region.kind == Region.Kind.GROUPING:
                groupings.append(option)
            elif region.kind == Region.Kind.COUNTRY:
                countries.append(option)
            else:
                option.depth = region.depth - 1
                areas.append(option)
        groups = [
            ("Regions", areas),
            ("Groupings", sorted(groupings, key=lambda o: o.name)),
            ("Countries and areas", sorted(countries, key=lambda o: o.name)),
        ]
    else:
        model = Organization if facet == "organization" else Tag
        objects = model.objects.filter(pk__in=wanted).order_by("name")
        groups = [("", [Option(o.slug, str(o.name), counts.get(o.pk, 0)) for o in objects])]
    slugs = {obj.slug for obj in filterset.cleaned().get(facet) or []}
    return [
        (title, [_copy(option, option.slug in slugs) for option in options])
        for title, options in groups
        if options
    ]
