"""Import a digest from a text or HTML file, as the admin's "Import a digest" does."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from stories.importer.analysis import analyse
from stories.importer.services import confirmed_defaults, digest_import
from stories.importer.text import DigestTextError


class Command(BaseCommand):
    help = (
        "Import a digest from FILE (plain text or HTML; - reads standard input) as a draft "
        "round-up with draft stories, accepting the suggestions the review screen would tick."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be imported; save nothing."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--author", help="Username of the editor the round-up and stories are credited to."
        )
        parser.add_argument("--number", type=int, help="Issue number (default: the next one).")

    def handle(self, *args, **options):
        author = None
        if not options["dry_run"]:
            if not options["author"]:
                raise CommandError("Name the editor to credit with --author (or use --dry-run).")
            author = get_user_model().objects.filter(username=options["author"]).first()
            if author is None:
                raise CommandError(f"No user named {options['author']!r}.")
        try:
            analysis = analyse(self.read(options["file"]))
        except DigestTextError as error:
            raise CommandError(error.message) from None

        if options["format"] == "json":
            self.stdout.write(json.dumps(analysis.as_json(), indent=2, ensure_ascii=False))
        else:
            self.write_summary(analysis)
        if options["dry_run"]:
            return
        try:
            roundup = digest_import(
                digest=confirmed_defaults(analysis, number=options["number"]), by=author
            )
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        self.stderr.write(
            self.style.SUCCESS(
                f"Created draft round-up No. {roundup.number} (id {roundup.pk}) with "
                f"{len(analysis.stories)} draft stories."
            )
        )

    def read(self, name: str) -> str:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {name}: {error.strerror}.") from None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Word and older mail clients save Windows-1252; every byte decodes one way or another.
            return data.decode("cp1252", errors="replace")

    def write_summary(self, analysis) -> None:
        self.stdout.write(f"{analysis.title}\n{analysis.introduction}\n")
        for notice in analysis.notices:
            self.stdout.write(self.style.WARNING(notice))
        for number, story in enumerate(analysis.stories, start=1):
            role = (
                "lead"
                if story.lead
                else f"item {number - 1 if analysis.stories[0].lead else number}"
            )
            self.stdout.write(f"\n[{role}] {story.title}")
            if story.deadline:
                self.stdout.write(f"  deadline {story.deadline:%Y-%m-%d} (call for input)")
            for label, suggestions in (
                ("organizations", story.organizations),
                ("places", story.places),
                ("themes", story.themes),
            ):
                chosen = [f"{s.name}{' (new)' if s.new else ''}" for s in suggestions if s.accepted]
                if chosen:
                    self.stdout.write(f"  {label}: {', '.join(chosen)}")
