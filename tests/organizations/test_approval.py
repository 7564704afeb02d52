"""Organizations follow the workflow's rule: editors propose, moderators publish. An editor's
new organization, or change to one, is not public until a moderator approves it, and only
moderators change an organization that a signed-off story mentions."""

from __future__ import annotations

import pytest
from django.urls import reverse
from webtest import Upload

from organizations.models import Organization
from stories.importer.services import (
    ConfirmedDigest,
    ConfirmedStory,
    NewOrganization,
    digest_import,
)
from tests.admin_pages import take_step
from tests.factories import OrganizationFactory, StoryFactory, image_file
from tests.security.test_history import (
    csrf_post,
    recover_url,
    restore,
    revision_url,
    saved_version,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def add_url() -> str:
    return reverse("admin:organizations_organization_add")


def change_url(organization) -> str:
    return reverse("admin:organizations_organization_change", args=[organization.pk])


def fill(form, **values):
    for name, value in values.items():
        form[name] = value
    return form


@pytest.fixture
def walk_free():
    return OrganizationFactory(
        name="Walk Free", slug="walk-free", description="Counts modern slavery.",
        website="https://www.walkfree.org/",
    )  # fmt: skip


# --- What editors may do in the admin ------------------------------------------------------


def test_an_organization_an_editor_adds_is_not_public_until_a_moderator_approves_it(
    django_app, editor, moderator, client
):
    form = django_app.get(add_url(), user="editor").forms["organization_form"]
    assert "approved" not in form.fields  # not the editor's to set
    fill(form, name="Mekong Club", slug="mekong-club", description="Private-sector network.")
    assert form.submit().status_code == 302

    organization = Organization.objects.get(slug="mekong-club")
    assert not organization.approved
    assert client.get("/organizations/mekong-club/").status_code == 404

    form = django_app.get(change_url(organization), user="moderator").forms["organization_form"]
    form["approved"] = True
    assert form.submit().status_code == 302
    assert client.get("/organizations/mekong-club/").status_code == 200


def test_a_crafted_approved_field_from_an_editor_is_ignored(django_app, editor):
    form = django_app.get(add_url(), user="editor").forms["organization_form"]
    fill(form, name="Mekong Club", slug="mekong-club")
    response = django_app.post(
        add_url(),
        {**dict(form.submit_fields()), "approved": "on"},
        user="editor",
    )

    assert response.status_code == 302
    assert not Organization.objects.get(slug="mekong-club").approved


def test_an_editors_change_to_an_unused_organization_is_a_proposal(
    django_app, editor, walk_free, client
):
    form = django_app.get(change_url(walk_free), user="editor").forms["organization_form"]
    form["description"] = "Rewritten by an editor."
    assert form.submit().status_code == 302

    walk_free.refresh_from_db()
    assert walk_free.description == "Rewritten by an editor."
    assert not walk_free.approved
    assert client.get("/organizations/walk-free/").status_code == 404


@pytest.mark.parametrize("trait", ["published", "scheduled", "approved"])
def test_an_editor_cannot_change_an_organization_a_signed_off_story_mentions(
    django_app, editor, walk_free, trait
):
    StoryFactory(organizations=[walk_free], **{trait: True})

    page = django_app.get(change_url(walk_free), user="editor")

    # The page is shown read-only: no form to change name, description, website or logo.
    fields = page.forms["organization_form"].fields
    assert not {"name", "description", "website", "logo", "aliases"} & set(fields)
    assert "Counts modern slavery." in page.text
    response = csrf_post(
        django_app,
        change_url(walk_free),
        "editor",
        {"name": "Defaced", "slug": "walk-free", "kind": "ngo", "description": "Defaced"},
    )
    assert response.status_code == 403
    walk_free.refresh_from_db()
    assert (walk_free.name, walk_free.description, walk_free.approved) == (
        "Walk Free",
        "Counts modern slavery.",
        True,
    )


def test_an_editor_cannot_replace_the_logo_of_an_organization_a_live_story_mentions(
    django_app, editor, walk_free
):
    StoryFactory(published=True, organizations=[walk_free])
    token = (
        django_app.get(reverse("admin:index"), user="editor")
        .forms["logout-form"]["csrfmiddlewaretoken"]
        .value
    )
    logo = Upload("logo.png", image_file(image_format="PNG").read(), "image/png")
    response = django_app.post(
        change_url(walk_free),
        {"csrfmiddlewaretoken": token, "name": "Walk Free", "slug": "walk-free", "kind": "ngo",
         "logo": logo},
        user="editor",
        expect_errors=True,
    )  # fmt: skip

    assert response.status_code == 403
    walk_free.refresh_from_db()
    assert not walk_free.logo


def test_a_moderator_changes_an_organization_a_live_story_mentions(
    django_app, moderator, walk_free, client
):
    StoryFactory(published=True, organizations=[walk_free])
    form = django_app.get(change_url(walk_free), user="moderator").forms["organization_form"]
    form["website"] = "https://walkfree.org/new"
    assert form.submit().status_code == 302

    walk_free.refresh_from_db()
    assert walk_free.website == "https://walkfree.org/new" and walk_free.approved
    assert "https://walkfree.org/new" in client.get("/organizations/walk-free/").text


def test_an_editor_cannot_restore_a_saved_version_of_an_organization(django_app, editor, walk_free):
    version = saved_version(walk_free)
    Organization.objects.filter(pk=walk_free.pk).update(description="Now")

    response = csrf_post(django_app, revision_url(walk_free, version), "editor")

    assert response.status_code == 403
    assert Organization.objects.get(pk=walk_free.pk).description == "Now"


def test_restoring_a_saved_version_leaves_the_approval_as_it_is(django_app, moderator, client):
    proposal = OrganizationFactory(name="Mekong Club", slug="mekong-club", approved=False)
    proposed = saved_version(proposal)
    Organization.objects.filter(pk=proposal.pk).update(approved=True, description="Approved text")
    approved = Organization.objects.get(pk=proposal.pk)
    while_approved = saved_version(approved)
    Organization.objects.filter(pk=proposal.pk).update(approved=False, description="Withdrawn")

    page = django_app.get(revision_url(approved, while_approved), user="moderator")
    assert "Approved text" in page.text
    differences = page.text.split('id="version-differences"')[1].split("</table>")[0]
    assert "Withdrawn" in differences and ">Approved<" not in differences
    assert "Its approval for readers stays as it is now." in page.text
    restore(django_app, approved, while_approved, "moderator")

    restored = Organization.objects.get(pk=proposal.pk)
    assert restored.description == "Approved text" and not restored.approved
    assert client.get("/organizations/mekong-club/").status_code == 404

    Organization.objects.filter(pk=proposal.pk).update(approved=True)
    restore(django_app, restored, proposed, "moderator")
    assert Organization.objects.get(pk=proposal.pk).approved
    assert client.get("/organizations/mekong-club/").status_code == 200


def test_a_recovered_organization_waits_for_approval_again(django_app, moderator, client):
    organization = OrganizationFactory(name="Mekong Club", slug="mekong-club", approved=True)
    version = saved_version(organization)
    organization.delete()

    page = django_app.get(recover_url(Organization, version), user="moderator")
    page = page.forms["recover-form"].submit().follow()

    recovered = Organization.objects.get(slug="mekong-club")
    assert not recovered.approved
    assert "waiting for approval" in page.text
    assert client.get("/organizations/mekong-club/").status_code == 404


def test_moderators_approve_proposals_from_the_list(django_app, moderator, client):
    OrganizationFactory(name="Proposal One", slug="proposal-one", approved=False)
    page = django_app.get(
        reverse("admin:organizations_organization_changelist") + "?approved__exact=0",
        user="moderator",
    )
    form = page.forms["changelist-form"]
    form["action"] = "approve"
    form["_selected_action"] = [str(Organization.objects.get(slug="proposal-one").pk)]
    form.submit().follow()

    assert Organization.objects.get(slug="proposal-one").approved
    assert client.get("/organizations/proposal-one/").status_code == 200


def test_editors_are_not_offered_the_approve_action(django_app, editor):
    OrganizationFactory(name="Proposal One", slug="proposal-one", approved=False)
    page = django_app.get(reverse("admin:organizations_organization_changelist"), user="editor")

    assert 'value="approve"' not in page.text


# --- What readers see -----------------------------------------------------------------------


def test_readers_never_see_an_organization_waiting_for_approval(client, walk_free):
    proposal = OrganizationFactory(name="Proposal Org", slug="proposal-org", approved=False)
    story = StoryFactory(
        published=True, title="Both mentioned", organizations=[walk_free, proposal]
    )

    page = client.get(story.get_absolute_url()).text
    assert "Walk Free" in page and "Proposal Org" not in page
    assert "Proposal Org" not in client.get("/").text
    finder = client.get("/stories/").text
    assert "Walk Free" in finder and "Proposal Org" not in finder
    assert "proposal-org" not in client.get("/sitemap-organizations.xml").text
    assert client.get("/organizations/proposal-org/").status_code == 404
    asked = client.get("/stories/?organization=proposal-org")
    assert asked.status_code == 200 and "Proposal Org" not in asked.text


def test_the_api_never_names_an_organization_waiting_for_approval(client, walk_free):
    proposal = OrganizationFactory(name="Proposal Org", slug="proposal-org", approved=False)
    story = StoryFactory(published=True, slug="both", organizations=[walk_free, proposal])

    listed = client.get("/api/v1/organizations/?page_size=100").json()["results"]
    assert [org["slug"] for org in listed] == ["walk-free"]
    assert client.get("/api/v1/organizations/proposal-org/").status_code == 404
    body = client.get(f"/api/v1/stories/{story.slug}/").json()
    assert [org["slug"] for org in body["organizations"]] == ["walk-free"]


# --- The digest importer -----------------------------------------------------------------------


def one_story_digest(**extra) -> ConfirmedDigest:
    story = ConfirmedStory(lead=False, title="One", summary="A summary.", body="A body.", **extra)
    return ConfirmedDigest(number=9, title="Weekly", introduction="", stories=[story])


def test_organizations_an_editors_import_creates_are_proposals(editor):
    digest_import(digest=one_story_digest(new_organizations=[NewOrganization("Mekong Club")]),
                  by=editor)  # fmt: skip

    assert not Organization.objects.get(name="Mekong Club").approved


def test_organizations_a_moderators_import_creates_are_approved(moderator):
    digest_import(digest=one_story_digest(new_organizations=[NewOrganization("Mekong Club")]),
                  by=moderator)  # fmt: skip

    assert Organization.objects.get(name="Mekong Club").approved


def test_an_editors_import_learns_no_alias_for_an_organization_a_live_story_mentions(
    editor, walk_free
):
    StoryFactory(published=True, organizations=[walk_free])

    digest_import(digest=one_story_digest(organizations=["walk-free"],
                                          aliases={"walk-free": "Walk Free Foundation"}),
                  by=editor)  # fmt: skip

    walk_free.refresh_from_db()
    assert "Walk Free Foundation" not in walk_free.aliases


def test_publishing_a_story_that_names_a_proposed_organization_says_readers_will_not_see_it(
    django_app, moderator, walk_free
):
    proposed = OrganizationFactory(name="Mekong Club", approved=False)
    story = StoryFactory(approved=True, organizations=[walk_free, proposed])

    page = take_step(django_app, story, "publish", user=moderator.username)

    story.refresh_from_db()
    assert story.status == "published"
    warnings = [w.text for w in page.html.select("ul.messagelist li.warning")]
    assert warnings == [
        f"Readers will not see Mekong Club on “{story}” until a moderator approves it under "
        "Organizations."
    ]


def test_publishing_a_story_whose_organizations_are_all_approved_warns_of_nothing(
    django_app, moderator, walk_free
):
    story = StoryFactory(approved=True, organizations=[walk_free])

    page = take_step(django_app, story, "publish", user=moderator.username)

    assert not page.html.select("ul.messagelist li.warning")
