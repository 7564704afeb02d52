"""A synthetic newsroom archive written straight into PostgreSQL with COPY.

Rows are built as model instances, so defaults of every field (including ones added later) are
applied, and streamed with COPY rather than INSERT: 100,000 stories with their links load in a
few minutes. Text is drawn from a small vocabulary with a Zipf-like spread, so full-text
queries behave as they do on real text: common words match many stories, rare ones few.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from organizations.models import Organization
from stories.models import Region, RoundUp, RoundUpItem, Status, Story, Topic

WORDS = """
trafficking victims survivors exploitation forced labour migrant workers recruitment agencies
debt police prosecutors court convicted sentenced investigation network smuggling border
children women girls boys families community shelter support assistance identification referral
report published data findings government ministry parliament law legislation amendment policy
national action plan strategy funding donors programme project training officers inspectors
labour inspection supply chains companies due diligence audit brands factories fishing vessels
construction agriculture domestic work sexual online platforms scam compounds fraud cyber
criminal organised groups cross-border cooperation regional international conference meeting
workshop dialogue partners civil society organisations NGOs agencies office commission council
human rights protection prevention awareness campaign education schools youth risk vulnerable
displacement conflict refugees asylum seekers camps humanitarian crisis climate disaster poverty
unemployment wages contracts passports documents visas employers brokers intermediaries
recruitment fees compensation remedy justice access legal aid lawyers hearing trial evidence
testimony witnesses rescue raid operation arrested suspects charged accused released returned
repatriated reintegration recovery counselling health care medical psychological trauma
consent identity privacy media coverage journalists investigation revealed cases increase
decrease trend estimate million thousand hundred percent year month week annual quarterly
global regional local national province district city village rural urban coast island
the of and to in a for on with by from at as that which this these was were is are has have
had been will would could should may might also new more than after before during between
""".split()  # noqa: SIM905 - a paragraph of words reads better than a 300-item list

TITLE_WORDS = """
Report Court Government Police Survivors Workers Children Women Ministry Parliament Agency
Network Operation Campaign Conference Study Data Law Plan Fund Shelter Inquiry Raid Ruling
""".split()  # noqa: SIM905

TAGS = [
    f"{kind}-{subject}"
    for kind in ("case", "policy", "data", "event", "call", "ruling", "study")
    for subject in ("africa", "asia", "europe", "americas", "oceania", "global", "online",
                    "sea", "land", "air", "2023", "2024", "2025", "brief", "longread", "update")
]  # fmt: skip

SPAN_DAYS = 3650
# The benchmark's search: a phrase about as rare as a specific subject is in real archives.
SEARCHED_PHRASE = "debt bondage"
SEARCHED_SHARE = 0.015


@dataclass
class Sizes:
    stories: int
    drafts: int
    digests: int
    organizations: int
    topics: int = 60

    @classmethod
    def for_stories(cls, stories: int) -> Sizes:
        """Digests and organizations scale with the archive, as in 100k: 5,000 and 500."""
        return cls(
            stories=stories,
            drafts=max(1, stories // 20),
            digests=max(10, stories // 20),
            organizations=max(20, min(500, stories // 200)),
        )


@dataclass
class Report:
    sizes: Sizes
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


class Archive:
    def __init__(self, sizes: Sizes, *, seed: int = 2026, log: Callable[[str], None] = print):
        self.sizes = sizes
        self.random = random.Random(seed)
        self.log = log
        self.report = Report(sizes)
        self.now = timezone.now()
        ranks = range(1, len(WORDS) + 1)
        self.weights = [1 / rank for rank in ranks]

    # --- text -------------------------------------------------------------------------------

    def words(self, count: int) -> list[str]:
        return self.random.choices(WORDS, weights=self.weights, k=count)

    def sentence(self, count: int) -> str:
        words = self.words(count)
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        sentences, total, goal = [], 0, self.random.randint(70, 110)
        while total < goal:
            length = self.random.randint(8, 22)
            sentences.append(self.sentence(length))
            total += length
        return " ".join(sentences)

    # --- steps ------------------------------------------------------------------------------

    def build(self) -> Report:
        start = time.monotonic()
        for name, step in [
            ("vocabulary", self.add_vocabulary),
            ("stories", self.add_stories),
            ("links", self.add_links),
            ("digests", self.add_digests),
            ("search vectors", self.fill_search_vectors),
            ("analyze", self.analyze),
        ]:
            began = time.monotonic()
            step()
            self.report.seconds[name] = round(time.monotonic() - began, 1)
            self.log(f"  {name}: {self.report.seconds[name]} s")
        self.report.seconds["total"] = round(time.monotonic() - start, 1)
        return self.report

    def add_vocabulary(self) -> None:
        user_model = get_user_model()
        self.author = user_model.objects.create(username="bench-editor", is_staff=True)
        existing = list(Topic.objects.filter(parent__isnull=True))
        new_topics = []
        for index in range(self.sizes.topics - Topic.objects.count()):
            name = f"{' '.join(self.words(2)).title()} {index + 1}"
            parent = self.random.choice(existing) if index % 3 == 0 else None
            new_topics.append(Topic(name=name, slug=slugify(name), parent=parent))
        Topic.objects.bulk_create(new_topics)
        self.topics = list(Topic.objects.values_list("pk", flat=True))

        kinds = [kind for kind, _ in Organization.Kind.choices]
        organizations = []
        for index in range(self.sizes.organizations):
            name = f"{' '.join(self.words(3)).title()} Foundation {index + 1}"
            organizations.append(
                Organization(
                    name=name,
                    acronym=f"O{index + 1}",
                    slug=slugify(name),
                    kind=self.random.choice(kinds),
                    description=self.sentence(30),
                    approved=True,
                )
            )
        Organization.objects.bulk_create(organizations)
        self.organizations = list(Organization.objects.values_list("pk", "name"))

        self.countries = list(Region.objects.countries().values_list("pk", flat=True))
        self.areas = list(
            Region.objects.filter(
                kind__in=[Region.Kind.CONTINENT, Region.Kind.SUBREGION, Region.Kind.GROUPING]
            ).values_list("pk", flat=True)
        )
        Tag.objects.bulk_create([Tag(name=name, slug=name) for name in TAGS])
        self.tags = list(Tag.objects.values_list("pk", flat=True))
        self.report.rows.update(
            topics=len(self.topics), organizations=len(self.organizations), tags=len(self.tags)
        )

    def publication_times(self, count: int) -> list[datetime.datetime]:
        """Spread over ten years, newest first, to the second."""
        seconds = SPAN_DAYS * 86400
        offsets = sorted(self.random.randrange(3600, seconds) for _ in range(count))
        return [self.now - datetime.timedelta(seconds=offset) for offset in offsets]

    def add_stories(self) -> None:
        sizes = self.sizes
        paragraphs = [self.paragraph() for _ in range(3000)]
        times = self.publication_times(sizes.stories)
        first_id = (Story.objects.aggregate(last=models.Max("pk"))["last"] or 0) + 1

        def stories() -> Iterable[Story]:
            for index in range(sizes.stories + sizes.drafts):
                draft = index >= sizes.stories
                title = f"{self.random.choice(TITLE_WORDS)} {' '.join(self.words(9))}"
                chosen = self.random.sample(paragraphs, self.random.randint(5, 8))
                summary = self.sentence(40)[:560]
                if not draft and self.random.random() < SEARCHED_SHARE:
                    summary = f"{SEARCHED_PHRASE.capitalize()}: {summary}"
                    chosen = [f"{chosen[0]} Cases of {SEARCHED_PHRASE} rose.", *chosen[1:]]
                body = "\n\n".join(chosen)
                published_at = None if draft else times[index]
                # A few scheduled ones, so readers' caches have a due time to respect.
                scheduled = draft and index < sizes.stories + 5
                status = Status.DRAFT if draft else Status.PUBLISHED
                if scheduled:
                    published_at = self.now + datetime.timedelta(days=index - sizes.stories + 1)
                    status = Status.SCHEDULED
                org_name = self.random.choice(self.organizations)[1]
                story = Story(
                    pk=first_id + index,
                    title=title[:255],
                    slug=f"{slugify(title)[:200]}-{first_id + index}",
                    summary=summary,
                    body=body,
                    body_html="\n".join(f"<p>{p}</p>" for p in chosen),
                    source_name=org_name[:255],
                    source_url=f"https://example.org/reports/{first_id + index}",
                    event_date=(published_at or self.now).date() - datetime.timedelta(days=3),
                    status=status,
                    published_at=published_at,
                    author_id=self.author.pk,
                    created_at=published_at or self.now,
                    updated_at=published_at or self.now,
                )
                if not draft and index % 97 == 0:
                    story.deadline = (published_at + datetime.timedelta(days=30)).date()
                yield story

        count = copy_rows(Story, stories())
        reset_sequence(Story)
        self.story_ids = list(range(first_id, first_id + sizes.stories))
        self.last_story_id = first_id + count - 1
        self.report.rows["stories"] = count

    def add_links(self) -> None:
        pick = self.random
        topic_links, region_links, organization_links, tag_links = [], [], [], []
        organization_ids = [pk for pk, _ in self.organizations]
        story_type = ContentType.objects.get_for_model(Story).pk
        for story_id in self.story_ids:
            for topic in pick.sample(self.topics, pick.randint(2, 4)):
                topic_links.append((story_id, topic))
            regions = pick.sample(self.countries, pick.randint(1, 3))
            if pick.random() < 0.15:
                regions[0] = pick.choice(self.areas)
            for region in set(regions):
                region_links.append((story_id, region))
            for organization in pick.sample(organization_ids, pick.randint(1, 4)):
                organization_links.append((story_id, organization))
            for tag in pick.sample(self.tags, pick.randint(0, 3)):
                tag_links.append((story_id, story_type, tag))
        copy_tuples(Story.topics.through, ["story_id", "topic_id"], topic_links)
        copy_tuples(Story.regions.through, ["story_id", "region_id"], region_links)
        copy_tuples(
            Story.organizations.through, ["story_id", "organization_id"], organization_links
        )
        copy_tuples(TaggedItem, ["object_id", "content_type_id", "tag_id"], tag_links)
        self.report.rows.update(
            story_topics=len(topic_links),
            story_regions=len(region_links),
            story_organizations=len(organization_links),
            tagged_items=len(tag_links),
        )

    def add_digests(self) -> None:
        times = self.publication_times(self.sizes.digests)
        first_number = (RoundUp.objects.aggregate(last=models.Max("number"))["last"] or 0) + 1
        first_id = (RoundUp.objects.aggregate(last=models.Max("pk"))["last"] or 0) + 1
        roundups, items = [], []
        # Stories newest first, as `times` runs newest first: each digest takes recent stories.
        story_ids = sorted(self.story_ids)
        per_digest = max(1, len(story_ids) // self.sizes.digests)
        for index, published_at in enumerate(times):
            number = first_number + index
            title = f"Weekly digest: {' '.join(self.words(5))}"
            window = story_ids[index * per_digest : (index + 1) * per_digest + 10] or story_ids
            chosen = self.random.sample(window, min(len(window), self.random.randint(6, 11)))
            roundups.append(
                RoundUp(
                    pk=first_id + index,
                    number=number,
                    title=title,
                    slug=f"{number}-{slugify(title)}"[:255],
                    introduction=self.paragraph(),
                    lead_story_id=chosen[0],
                    status=Status.PUBLISHED,
                    published_at=published_at,
                    author_id=self.author.pk,
                    created_at=published_at,
                    updated_at=published_at,
                )
            )
            items.extend(
                (first_id + index, story, position, "")
                for position, story in enumerate(chosen[1:], start=1)
            )
        copy_rows(RoundUp, roundups)
        reset_sequence(RoundUp)
        copy_tuples(RoundUpItem, ["roundup_id", "story_id", "position", "blurb"], items)
        self.report.rows.update(digests=len(roundups), digest_items=len(items))

    def fill_search_vectors(self) -> None:
        """The reader's own UPDATE, in two halves on two connections: it is CPU-bound."""
        from concurrent.futures import ThreadPoolExecutor

        from stories import search

        ids = [*self.story_ids, *range(self.story_ids[-1] + 1, self.last_story_id + 1)]

        def update(chunk):
            try:
                search.update_search_vectors(chunk)
            finally:
                connection.close()

        # Building the GIN index once afterwards is far cheaper than updating it row by row.
        table = Story._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s"
                " AND indexdef LIKE %s",
                [table, "%search_vector%"],
            )
            indexes = cursor.fetchall()
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        connection.close()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(update, [ids[: len(ids) // 2], ids[len(ids) // 2 :]]))
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _, definition in indexes:
                cursor.execute(definition)

    def analyze(self) -> None:
        # VACUUM too: index-only scans need the visibility map that autovacuum would build.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


# --- COPY helpers ---------------------------------------------------------------------------------


def copy_rows(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    """Stream model instances into their table with COPY; returns the number of rows."""
    fields = [f for f in model._meta.concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objects:
            copy.write_row(
                [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
            )
            count += 1
    return count


def copy_tuples(model: type[models.Model], columns: list[str], rows: list[tuple]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def reset_sequence(model: type[models.Model]) -> None:
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)
