"""The demo: real documents, the circular in two versions, staff.health still to accept the second."""

import pytest
from django.test import Client

from kilombero_ict import demo as org_demo
from kilombero_ict.models import User
from policies import demo, selectors
from policies.models import Acknowledgement, PolicyDocument, PolicyException, PolicyVersion, VersionStatus

pytestmark = pytest.mark.django_db


def counts():
    return (
        PolicyDocument.objects.count(),
        PolicyVersion.objects.count(),
        Acknowledgement.objects.count(),
        PolicyException.objects.count(),
    )


def test_demo_is_idempotent_and_staff_health_must_accept_the_second_circular():
    org_demo.seed()
    demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first
    circular = PolicyDocument.objects.get(slug="waraka-matumizi-bora-tehama")
    versions = dict(circular.versions.values_list("number", "status"))
    assert versions == {1: VersionStatus.SUPERSEDED, 2: VersionStatus.PUBLISHED}
    second = circular.versions.get(number=2)
    assert second.is_material and second.signed_pdf and second.signed_pdf.read(5) == b"%PDF-"
    staff_health = User.objects.get(username="staff.health")
    assert [v.document.slug for v in selectors.outstanding_for(staff_health)] == ["waraka-matumizi-bora-tehama"]
    assert Acknowledgement.objects.filter(user=staff_health, version__number=1).exists()
    assert selectors.outstanding_for(User.objects.get(username="hod.health")) == []
    for slug in ("sera-ya-tehama", "waraka-matumizi-bora-tehama", "sera-usimamizi-vihatarishi-tehama"):
        version = PolicyDocument.objects.get(slug=slug).versions.get(status=VersionStatus.PUBLISHED)
        for heading in ("Madhumuni", "Wigo", "Majukumu", "Mapitio"):
            assert heading in version.body_sw
        for heading in ("Purpose", "Scope", "Responsibilities", "Sanctions", "Review"):
            assert heading in version.body_en


def test_the_public_reads_the_demo_circular_in_both_languages():
    org_demo.seed()
    demo.seed()
    client = Client()
    sw = client.get("/policies/waraka-matumizi-bora-tehama/").content.decode()
    en = client.get("/en/policies/waraka-matumizi-bora-tehama/").content.decode()
    assert "uthibitisho wa hatua mbili" in sw and "two-step verification" in en
    assert client.get("/policies/utaratibu-nakala-za-akiba/").status_code == 404
    pdf = client.get("/policies/waraka-matumizi-bora-tehama/versions/2/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_story_of_the_issue_on_the_demo_council():
    """Visitor reads; staff.health accepts; a material version is published; staff.health is asked again."""
    org_demo.seed()
    demo.seed()
    users = {u.username: u for u in User.objects.filter(username__in=["staff.health", "ictofficer", "manager"])}
    slug = "waraka-matumizi-bora-tehama"

    def browser(username):
        client = Client()
        client.force_login(users[username])
        return client

    def compliance():
        context = browser("ictofficer").get("/policies/compliance/", {"document": slug}).context
        return context["total_accepted"], context["total_required"]

    staff = browser("staff.health")
    assert 'id="policies-to-accept"' in staff.get("/").content.decode()
    accepted_before, required = compliance()
    page = staff.get(f"/policies/{slug}/")
    form = page.context["accept_form"]
    staff.post(f"/policies/{slug}/versions/2/accept/", {"confirm": "on", **form.initial}, follow=True)
    assert 'id="policies-to-accept"' not in staff.get("/").content.decode()
    assert compliance() == (accepted_before + 1, required)

    officer = browser("ictofficer")
    document = PolicyDocument.objects.get(slug=slug)
    officer.post(
        "/admin/policies/policyversion/add/",
        {
            "document": document.pk,
            "body_sw": "## Kanuni mpya\n\nUsitumie Wi-Fi ya umma kwa mifumo ya fedha.",
            "body_en": "## New rule\n\nDo not use public Wi-Fi for finance systems.",
            "change_summary_sw": "Kanuni ya Wi-Fi ya umma.",
            "change_summary_en": "Public Wi-Fi rule.",
            "effective_date": "2026-12-01",
            "is_material": "on",
            "acceptance_deadline": "2027-01-31",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "events-MIN_NUM_FORMS": "0",
            "events-MAX_NUM_FORMS": "1000",
        },
    )
    third = document.versions.get(number=3)
    officer.post("/admin/policies/policyversion/", {"action": "submit_for_review", "_selected_action": [third.pk]})
    browser("manager").post(f"/policies/{slug}/versions/3/approve/", {"note": ""})
    officer.post(f"/policies/{slug}/versions/3/publish/", {"note": ""})
    assert document.versions.get(number=3).status == VersionStatus.PUBLISHED
    assert 'id="policies-to-accept"' in staff.get("/").content.decode()
    assert compliance() == (0, required)
