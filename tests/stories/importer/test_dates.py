"""Closing dates nobody means, from the text or typed in the review: refused like anywhere else,
never a server error (the database refuses them too)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from stories.importer.deadlines import find_deadline
from stories.models import RoundUp, Story

pytestmark = pytest.mark.django_db

CALL = (
    "OSCE leaders call for action on child trafficking\n\n"
    "The OSCE asked governments to act together against child trafficking.\n\n"
    "UN experts call for input on forced labour\n\n"
    "The UN asks for contributions to its report. The deadline for inputs is 30 June {year}.\n"
)


def review(django_app, text: str):
    page = django_app.get(reverse("admin:stories_roundup_import"), user="editor")
    form = page.forms["digest-paste"]
    form["text"] = text
    return form.submit().forms["digest-review"]


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31"])
def test_a_closing_date_typed_outside_the_plausible_years_is_refused_in_the_review(
    django_app, editor, typed
):
    form = review(django_app, CALL.format(year=2025))
    deadlines = [name for name in form.fields if name.endswith("-deadline")]
    assert "2025-06-30" in [form[name].value for name in deadlines]
    for name in deadlines:
        form[name] = typed

    page = form.submit("step", value="confirm")

    assert page.status_code == 200
    assert "Enter a date between the years 1900 and 2100." in page.text
    assert not RoundUp.objects.exists() and not Story.objects.exists()


@pytest.mark.parametrize("year", ["0001", "1066", "2999"])
def test_a_date_outside_the_plausible_years_is_not_read_as_a_deadline(year):
    assert find_deadline(f"The deadline for inputs is 30 June {year}.") is None
    assert find_deadline(f"Submissions are due by {year}-06-30.") is None


def test_the_command_imports_a_text_that_announces_such_a_date(editor, tmp_path):
    digest = tmp_path / "digest.txt"
    digest.write_text(CALL.format(year=2999), encoding="utf-8")

    call_command("import_digest", str(digest), "--author", "editor", "--number", "7")

    assert RoundUp.objects.filter(number=7).exists()
    assert "2999" in "".join(Story.objects.values_list("body", flat=True))
    assert not Story.objects.exclude(deadline=None).exists()
