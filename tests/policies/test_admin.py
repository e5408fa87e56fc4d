"""The ICT officer's workbench: versions saved through the services, status changed only by actions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from policies import services
from policies.models import Acknowledgement, PolicyDocument, PolicyVersion, PolicyVersionEvent, VersionStatus

from .factories import PolicyDocumentFactory, accept, draft, publish

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def officer(people):
    client = Client()
    client.force_login(people["ict_officer"])
    return client


@pytest.mark.parametrize(
    "model", ["policydocument", "policyversion", "acknowledgement", "policyexception", "policyreview"]
)
def test_the_ict_officer_opens_every_list(officer, people, model):
    publish(PolicyDocumentFactory(slug="orodha"), people)
    assert officer.get(reverse(f"admin:policies_{model}_changelist")).status_code == 200


def test_other_roles_cannot_open_the_workbench(people):
    for who in ("staff", "hod", "management", "auditor"):
        browser = Client()
        browser.force_login(people[who])
        response = browser.get(reverse("admin:policies_policyversion_changelist"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _version_form(document, **extra):
    data = {
        "document": document.pk,
        "body_sw": "## Kanuni\n\nUsishiriki nywila. <script>x()</script>",
        "body_en": "## Rules\n\nDo not share passwords.",
        "change_summary_sw": "",
        "change_summary_en": "",
        "effective_date": timezone.localdate().isoformat(),
        "is_material": "on",
        "acceptance_deadline": "",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_adding_a_version_goes_through_the_service(officer, people):
    document = PolicyDocumentFactory(slug="mpya")
    response = officer.post(reverse("admin:policies_policyversion_add"), _version_form(document))
    assert response.status_code == 302, response.content.decode()[:2000]
    version = PolicyVersion.objects.get(document=document)
    assert version.number == 1 and version.status == VersionStatus.DRAFT and version.created_by == people["ict_officer"]
    assert "<script" not in version.body_html_sw and "<h2>Kanuni</h2>" in version.body_html_sw
    assert PolicyVersionEvent.objects.filter(version=version, to_status=VersionStatus.DRAFT).exists()


def test_a_fake_pdf_is_refused_next_to_the_field(officer):
    document = PolicyDocumentFactory(slug="pdf-bandia")
    fake = SimpleUploadedFile("signed.pdf", b"MZ\x90\x00 not a pdf")
    response = officer.post(reverse("admin:policies_policyversion_add"), _version_form(document, signed_pdf=fake))
    assert response.status_code == 200 and "signed_pdf" in response.context["adminform"].form.errors
    assert not PolicyVersion.objects.exists()
    good = SimpleUploadedFile("signed.pdf", PDF)
    officer.post(reverse("admin:policies_policyversion_add"), _version_form(document, signed_pdf=good))
    assert PolicyVersion.objects.get().signed_pdf_name == "signed.pdf"


def test_publish_action_calls_the_service_and_supersedes(officer, people):
    document = PolicyDocumentFactory(slug="kitendo")
    first = publish(document, people)
    second = draft(document, people["ict_officer"])
    services.version_submit(version=second, actor=people["ict_officer"])
    services.version_approve(version=second, actor=people["management"])
    response = officer.post(
        reverse("admin:policies_policyversion_changelist"),
        {"action": "publish", "_selected_action": [second.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert PolicyVersion.objects.get(pk=second.pk).status == VersionStatus.PUBLISHED
    assert PolicyVersion.objects.get(pk=first.pk).status == VersionStatus.SUPERSEDED


def test_an_action_that_is_not_allowed_says_why_and_changes_nothing(officer, people):
    version = draft(PolicyDocumentFactory(slug="rasimu"), people["ict_officer"])
    response = officer.post(
        reverse("admin:policies_policyversion_changelist"),
        {"action": "publish", "_selected_action": [version.pk]},
        follow=True,
    )
    assert PolicyVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_a_published_version_cannot_be_edited_in_the_workbench(officer, people):
    version = publish(PolicyDocumentFactory(slug="imefungwa"), people)
    url = reverse("admin:policies_policyversion_change", args=[version.pk])
    page = officer.get(url).content.decode()
    assert 'name="body_sw"' not in page
    officer.post(url, _version_form(version.document, body_sw="Badiliko la siri"))
    assert "siri" not in PolicyVersion.objects.get(pk=version.pk).body_sw


def test_status_is_read_only_in_the_workbench(officer, people):
    version = draft(PolicyDocumentFactory(slug="hali"), people["ict_officer"])
    page = officer.get(reverse("admin:policies_policyversion_change", args=[version.pk])).content.decode()
    assert 'name="status"' not in page and 'name="approved_by"' not in page


def test_acknowledgements_are_read_only_and_export_as_a_spreadsheet(officer, people):
    version = publish(PolicyDocumentFactory(slug="ushahidi"), people)
    ack, _ = accept(version, people["staff"])
    assert officer.get(reverse("admin:policies_acknowledgement_add")).status_code == 403
    assert officer.get(reverse("admin:policies_acknowledgement_change", args=[ack.pk])).status_code == 200
    officer.post(reverse("admin:policies_acknowledgement_change", args=[ack.pk]), {"ip_address": "1.1.1.1"})
    assert Acknowledgement.objects.get(pk=ack.pk).ip_address == "10.0.0.5"
    assert (
        officer.post(reverse("admin:policies_acknowledgement_delete", args=[ack.pk]), {"post": "yes"}).status_code
        == 403
    )
    response = officer.post(
        reverse("admin:policies_acknowledgement_export"),
        {"format": "0", "resource": "0", **dict.fromkeys(["username"], "on")},
    )
    assert response.status_code == 200


def test_editing_a_document_refreshes_search(officer, people):
    document = PolicyDocumentFactory(slug="tafuta")
    publish(document, people)
    url = reverse("admin:policies_policydocument_change", args=[document.pk])
    data = {
        "title_sw": "Mwongozo wa Barua Pepe",
        "title_en": "E-mail Guideline",
        "slug": "tafuta",
        "kind": "guideline",
        "reference": document.reference,
        "owner": document.owner.pk,
        "audience": "public",
        "summary_sw": "",
        "summary_en": "",
        "review_every_months": "12",
        "next_review_date": document.next_review_date.isoformat(),
        "acceptance_required": "on",
    }
    assert officer.post(url, data).status_code == 302
    html = Client().get("/policies/", {"q": "barua"}).content.decode()
    assert "Mwongozo wa Barua Pepe" in html
    assert PolicyDocument.objects.get(pk=document.pk).kind == "guideline"


def test_reserved_slug_is_refused_in_the_workbench(officer, people):
    owner = PolicyDocumentFactory(slug="mmiliki").owner
    response = officer.post(
        reverse("admin:policies_policydocument_add"),
        {
            "title_sw": "Hati",
            "slug": "compliance",
            "kind": "policy",
            "reference": "X/1",
            "owner": owner.pk,
            "audience": "public",
            "review_every_months": "12",
            "next_review_date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200 and "slug" in response.context["adminform"].form.errors
    assert not PolicyDocument.objects.filter(slug="compliance").exists()
