"""Rows that belong to someone: another person meets a 404 at every door (issue 10, object-level checks).

One place that lines the doors up for each kind of row a person owns, so that a gap shows as one
failing case: the row's page, its downloads, the lists and searches that could name it, the
exports, and the admin for a user who may open /admin/ but holds no permission on the model.
The apps' own tests go deeper on each; this file is the cross-check.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assets.services import asset_check_out
from helpdesk import services as helpdesk_services
from kilombero_ict.roles import Role
from policies.services import acknowledgement_record_paper
from risk.services import risk_create
from tests.assets.factories import AssetFactory
from tests.factories import DepartmentFactory, UserFactory
from tests.helpdesk.factories import file_ticket, png
from tests.policies.factories import PolicyDocumentFactory, publish
from tests.risk.factories import details

pytestmark = pytest.mark.django_db

SECRET_WORD = "Zumaridi"  # a word only the owner's rows contain, to search for them


@pytest.fixture
def finance():
    return DepartmentFactory(code="FEDHA", name_sw="Fedha", name_en="Finance")


@pytest.fixture
def outsiders(finance):
    """People of another department: a staff member, their head, and an admin-door user with no permissions."""
    return {
        "staff": UserFactory(username="o.staff", department=finance, roles=[Role.STAFF]),
        "hod": UserFactory(username="o.hod", department=finance, roles=[Role.HOD, Role.STAFF]),
        "admin_door": UserFactory(username="o.admin", department=finance, roles=[Role.STAFF], is_staff=True),
    }


@pytest.fixture
def ticket(people):
    return file_ticket(
        people["staff"],
        subject=f"{SECRET_WORD} printa",
        description=f"{SECRET_WORD}: karatasi imekwama.",
        attachments=[png()],
    )


def _assert_hidden(client, url, word=SECRET_WORD):
    response = client.get(url)
    assert response.status_code == 404 or (response.status_code == 200 and word not in response.content.decode()), (
        f"{url} answered {response.status_code} and shows the row"
    )
    return response


@pytest.mark.parametrize("who", ["staff", "hod"])
def test_a_ticket_and_its_attachment_are_404_to_another_department(who, ticket, people, outsiders, client_for):
    client = client_for(outsiders[who])
    attachment = ticket.attachments.get()
    assert client.get(reverse("helpdesk:detail", args=[ticket.reference])).status_code == 404
    assert client.get(reverse("helpdesk:attachment", args=[ticket.reference, attachment.pk])).status_code == 404
    # Acting on it answers 404 too, and leaves no trace.
    replies = ticket.replies.count()
    posted = client.post(reverse("helpdesk:reply", args=[ticket.reference]), {"body": "naingilia"})
    assert posted.status_code == 404
    assert ticket.replies.count() == replies
    # Lists, searches and the export never name it.
    _assert_hidden(client, reverse("helpdesk:list") + f"?q={SECRET_WORD}", word=ticket.reference)
    _assert_hidden(client, reverse("helpdesk:list") + "?queue=department", word=ticket.reference)
    export = client.get(reverse("helpdesk:export") + "?format=csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert ticket.reference.encode() not in body and SECRET_WORD.encode() not in body
    # The same search and export do name it for its requester (so the checks above can fail).
    own = client_for(people["staff"])
    assert ticket.reference in own.get(reverse("helpdesk:list") + f"?q={SECRET_WORD}").content.decode()
    export = own.get(reverse("helpdesk:export") + "?format=csv")
    assert ticket.reference.encode() in (b"".join(export.streaming_content) if export.streaming else export.content)


def test_an_internal_note_reaches_no_one_outside_ict(ticket, people, client_for):
    technician = people["technician"]
    helpdesk_services.ticket_assign(ticket=ticket, actor=technician, assignee=technician)
    helpdesk_services.ticket_reply(
        ticket=ticket, author=technician, body="Siri ya ndani: nenosiri la router", is_internal=True
    )
    for who in ("staff", "hod"):
        client = client_for(people[who])
        page = client.get(reverse("helpdesk:detail", args=[ticket.reference]))
        assert page.status_code == 200
        assert "Siri ya ndani" not in page.content.decode()
        export = client.get(reverse("helpdesk:export") + "?format=csv")
        body = b"".join(export.streaming_content) if export.streaming else export.content
        assert b"Siri ya ndani" not in body
    page = client_for(technician).get(reverse("helpdesk:detail", args=[ticket.reference]))
    assert "Siri ya ndani" in page.content.decode()


@pytest.mark.parametrize("who", ["staff", "hod"])
def test_an_asset_someone_holds_is_404_to_another_department(who, people, outsiders, client_for):
    asset = AssetFactory(name=f"{SECRET_WORD} laptop")
    asset_check_out(actor=people["ict_officer"], asset=asset, user=people["staff"], notify=False)
    client = client_for(outsiders[who])
    assert client.get(reverse("assets:detail", args=[asset.pk])).status_code == 404
    assert client.get(reverse("assets:photo", args=[asset.pk])).status_code == 404
    assert client.get(reverse("assets:qr", args=[asset.pk])).status_code in (403, 404)
    _assert_hidden(client, reverse("assets:mine"), word=asset.tag)
    if who == "hod":
        _assert_hidden(client, reverse("assets:department"), word=asset.tag)
    # The holder sees it, on its page and in "My equipment".
    holder = client_for(people["staff"])
    assert holder.get(reverse("assets:detail", args=[asset.pk])).status_code == 200
    assert asset.tag in holder.get(reverse("assets:mine")).content.decode()


def test_a_paper_acknowledgement_scan_is_only_for_the_ict_officer_and_oversight(people, outsiders, client_for):
    document = PolicyDocumentFactory()
    version = publish(document, people)
    scan = SimpleUploadedFile("fomu.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "application/pdf")
    acknowledgement = acknowledgement_record_paper(
        version=version,
        user=people["staff"],
        actor=people["ict_officer"],
        signed_on=timezone.localdate(),
        language="sw",
        scanned_form=scan,
        scanned_form_name="fomu.pdf",
    )
    url = reverse("policies:paper-scan", args=[acknowledgement.pk])
    for person in (outsiders["staff"], outsiders["hod"]):
        assert client_for(person).get(url).status_code in (403, 404)
    assert client_for(people["ict_officer"]).get(url).status_code == 200


def test_a_risk_is_404_to_staff_and_to_another_department(people, outsiders, client_for):
    risk = risk_create(by=people["ict_officer"], details=details(owner=people["hod"], title_sw=f"{SECRET_WORD} hatari"))
    url = reverse("risk:detail", args=[risk.reference])
    for person in (outsiders["staff"], outsiders["hod"], people["staff"]):
        client = client_for(person)
        assert client.get(url).status_code == 404
        assert client.get(reverse("risk:export-csv")).status_code in (403, 404)
    assert client_for(people["hod"]).get(url).status_code == 200  # the owner


def test_the_admin_shows_nothing_to_an_admin_user_without_permissions(ticket, people, outsiders, client_for):
    """`is_staff` only opens /admin/: without model permissions no row can be listed, opened or exported there."""
    asset = AssetFactory()
    risk = risk_create(by=people["ict_officer"], details=details(owner=people["hod"]))
    client = client_for(outsiders["admin_door"])
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    for url in (
        reverse("admin:helpdesk_ticket_changelist"),
        reverse("admin:helpdesk_ticket_change", args=[ticket.pk]),
        reverse("admin:assets_asset_change", args=[asset.pk]),
        reverse("admin:risk_risk_change", args=[risk.pk]),
        reverse("admin:assets_asset_export"),
    ):
        assert client.get(url).status_code in (302, 403, 404), url
    assert SECRET_WORD not in index.content.decode()


def test_ticket_references_in_the_url_cannot_be_walked(ticket, outsiders, client_for):
    """The next and previous references answer exactly like a missing one: no way to tell which exist."""
    client = client_for(outsiders["staff"])
    year = timezone.localdate().year
    missing_reference = f"T-{year}-99999"
    existing = client.get(reverse("helpdesk:detail", args=[ticket.reference]))
    missing = client.get(reverse("helpdesk:detail", args=[missing_reference]))
    assert existing.status_code == missing.status_code == 404

    # The pages differ only where they echo the address asked for (the language switch keeps it)
    # and in the per-response CSRF token of the sign-out form.
    def normalised(response, reference):
        text = response.content.decode().replace(reference, "REF")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    assert normalised(existing, ticket.reference) == normalised(missing, missing_reference)
