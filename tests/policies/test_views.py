"""The pages, through the doors people use: anonymous visitors, staff, heads, the ICT officer, management, audit."""

import datetime as dt
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from policies import services
from policies.models import (
    RESERVED_SLUGS,
    Acknowledgement,
    Audience,
    PolicyDocument,
    PolicyException,
    PolicyReview,
    PolicyVersion,
    VersionStatus,
)
from tests.factories import DepartmentFactory, UserFactory

from .factories import PolicyDocumentFactory, accept, draft, publish, shown_hash

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


@pytest.fixture
def circular(people):
    document = PolicyDocumentFactory(
        slug="waraka-tehama", title_sw="Waraka wa Matumizi Bora ya TEHAMA", title_en="Acceptable Use Circular"
    )
    publish(document, people)
    return document


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), response


def assert_page_is_clean(html: str):
    """No inline script, no event handler attribute, no style attribute, nothing from another origin."""
    assert not re.search(r"<script(?![^>]*\ssrc=)", html), "inline <script>"
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), "on*= handler"
    assert not re.search(r"<[^>]+\sstyle\s*=", html), "style attribute"
    assert not re.search(
        r"""(src|href)=["']?(https?:)?//(?!testserver)""", html.replace('href="https://kilomberodc', "")
    ), "another origin"


# --- public list ----------------------------------------------------------------------------------


def _many_documents(people, count, start=0):
    for index in range(start, start + count):
        document = PolicyDocumentFactory(slug=f"hati-{index}", acceptance_required=False)
        publish(document, people)


def test_public_list_makes_a_fixed_number_of_queries_and_needs_no_javascript(client, people, circular):
    few, response = queries(client, reverse("policies:list"))
    html = response.content.decode()
    assert circular.title_sw in html
    assert_page_is_clean(html)
    _many_documents(people, 12)
    many, response = queries(client, reverse("policies:list"))
    assert few == many <= 15
    signed_in = Client()
    signed_in.force_login(people["staff"])
    few_staff, _ = queries(signed_in, reverse("policies:list"))
    _many_documents(people, 5, start=100)
    many_staff, _ = queries(signed_in, reverse("policies:list"))
    assert few_staff == many_staff <= 15


def test_public_list_pins_its_query_count(client, people, circular, django_assert_num_queries):
    with django_assert_num_queries(3):
        assert client.get(reverse("policies:list")).status_code == 200


def test_public_list_paginates_at_fifty(client, people):
    _many_documents(people, 51)
    html = client.get(reverse("policies:list")).content.decode()
    assert html.count('class="policy-card') == 50
    assert "page=2" in html
    assert client.get(reverse("policies:list") + "?page=2").content.decode().count('class="policy-card') == 1


def test_search_finds_swahili_and_english_words(client, people, circular):
    PolicyDocumentFactory(slug="nyingine", title_sw="Sera ya Vihatarishi", title_en="Risk Policy")
    publish(
        PolicyDocument.objects.get(slug="nyingine"),
        people,
        body_sw="Vihatarishi vya mtandao.",
        body_en="Network risks.",
    )
    sw = client.get(reverse("policies:list"), {"q": "nywila"}).content.decode()
    assert circular.title_sw in sw and "Sera ya Vihatarishi" not in sw
    en = client.get("/en/policies/", {"q": "passwords"}).content.decode()  # stemmed to "password"
    assert "Acceptable Use Circular" in en and "Risk Policy" not in en
    by_reference = client.get("/policies/", {"q": circular.reference}).content.decode()
    assert circular.title_sw in by_reference


def test_kind_filter_is_allow_listed(client, people, circular):
    response = client.get(reverse("policies:list"), {"kind": "'; DROP TABLE x; --"})
    assert response.status_code == 200 and circular.title_sw in response.content.decode()
    assert circular.title_sw not in client.get(reverse("policies:list"), {"kind": "policy"}).content.decode()


def test_staff_only_documents_are_listed_for_staff_only(client, people, circular):
    internal = PolicyDocumentFactory(slug="ndani", title_sw="Utaratibu wa Ndani", audience=Audience.STAFF)
    publish(internal, people)
    assert "Utaratibu wa Ndani" not in client.get(reverse("policies:list")).content.decode()
    signed_in = Client()
    signed_in.force_login(people["staff"])
    assert "Utaratibu wa Ndani" in signed_in.get(reverse("policies:list")).content.decode()


# --- reading a document --------------------------------------------------------------------------


def test_policy_page_makes_a_fixed_number_of_queries(client, people, circular):
    url = reverse("policies:detail", kwargs={"slug": circular.slug})
    few, response = queries(client, url)
    assert_page_is_clean(response.content.decode())
    for _ in range(5):
        publish(circular, people, is_material=False)
    many, _ = queries(client, url)
    assert few == many <= 15
    staff = Client()
    staff.force_login(people["staff"])
    few_staff, _ = queries(staff, url)
    publish(circular, people)
    many_staff, _ = queries(staff, url)
    assert few_staff == many_staff <= 15


def test_policy_page_pins_its_query_count(client, people, circular, django_assert_num_queries):
    url = reverse("policies:detail", kwargs={"slug": circular.slug})
    with django_assert_num_queries(4):
        client.get(url)
    staff = Client()
    staff.force_login(people["staff"])
    with django_assert_num_queries(9):  # 8, and the outage banner's one query
        staff.get(url)


def test_reader_gets_their_language_and_a_notice_when_only_the_other_exists(client, people):
    document = PolicyDocumentFactory(slug="kiswahili-tu", title_en="Swahili only")
    publish(document, people, body_en="")
    sw = client.get("/policies/kiswahili-tu/").content.decode()
    assert "Madhumuni" in sw and "This text is not yet available" not in sw
    en = client.get("/en/policies/kiswahili-tu/").content.decode()
    assert "Madhumuni" in en and "not yet available in English" in en
    assert 'lang="sw"' in en


def test_earlier_versions_are_listed_and_readable_with_a_notice(client, people, circular):
    publish(circular, people, body_sw="Toleo jipya kabisa.")
    current = client.get(reverse("policies:detail", kwargs={"slug": circular.slug})).content.decode()
    assert "Toleo jipya kabisa." in current
    assert reverse("policies:version", kwargs={"slug": circular.slug, "number": 1}) in current
    old = client.get(reverse("policies:version", kwargs={"slug": circular.slug, "number": 1})).content.decode()
    assert "nywila" in old and "Toleo jipya kabisa." not in old
    assert "alert-warning" in old


@pytest.mark.parametrize("who", [None, "staff", "hod", "technician", "no_role"])
def test_drafts_and_unapproved_versions_are_404_by_url_guessing(client, people, circular, who):
    officer = people["ict_officer"]
    second = draft(circular, officer, body_sw="Rasimu ya siri")
    services.version_attach_pdf(version=second, actor=officer, pdf=ContentFile(PDF, name="r.pdf"), name="r.pdf")
    hidden = PolicyDocumentFactory(slug="rasimu-tu")
    draft(hidden, officer)
    browser = client
    if who:
        browser = Client()
        browser.force_login(people[who])
    for url in [
        reverse("policies:version", kwargs={"slug": circular.slug, "number": 2}),
        reverse("policies:version-pdf", kwargs={"slug": circular.slug, "number": 2}),
        reverse("policies:version", kwargs={"slug": circular.slug, "number": 99}),
        reverse("policies:detail", kwargs={"slug": "rasimu-tu"}),
        reverse("policies:version", kwargs={"slug": "rasimu-tu", "number": 1}),
        reverse("policies:detail", kwargs={"slug": "haipo-kabisa"}),
    ]:
        assert browser.get(url).status_code == 404, url
    assert (
        "Rasimu ya siri" not in browser.get(reverse("policies:detail", kwargs={"slug": circular.slug})).content.decode()
    )


@pytest.mark.parametrize(("who", "status"), [("ict_officer", 200), ("management", 200), ("auditor", 200)])
def test_policy_managers_see_versions_in_preparation(people, circular, who, status):
    draft(circular, people["ict_officer"], body_sw="Rasimu ya siri")
    browser = Client()
    browser.force_login(people[who])
    response = browser.get(reverse("policies:version", kwargs={"slug": circular.slug, "number": 2}))
    assert response.status_code == status and "Rasimu ya siri" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [(None, 404), ("no_role", 404), ("staff", 200), ("auditor", 200)])
def test_staff_only_documents_answer_404_to_the_public(client, people, who, status):
    internal = PolicyDocumentFactory(slug="ndani", audience=Audience.STAFF)
    publish(internal, people)
    browser = client
    if who:
        browser = Client()
        browser.force_login(people[who])
    assert browser.get(reverse("policies:detail", kwargs={"slug": "ndani"})).status_code == status
    assert browser.get(reverse("policies:version", kwargs={"slug": "ndani", "number": 1})).status_code == status


def test_hostile_text_never_reaches_the_page(client, people):
    document = PolicyDocumentFactory(slug="hatari", title_sw="<script>alert('t')</script> Waraka")
    publish(
        document,
        people,
        body_sw="<script>alert(1)</script>\n\n[x](javascript:alert(2))\n\n<img src=x onerror=alert(3)>",
    )
    html = client.get("/policies/hatari/").content.decode()
    assert "<script>alert" not in html and "javascript:alert" not in html and "onerror" not in html
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; Waraka" in html


def test_signed_pdf_downloads_as_an_attachment(client, people):
    document = PolicyDocumentFactory(slug="na-pdf")
    officer = people["ict_officer"]
    version = draft(document, officer)
    services.version_attach_pdf(version=version, actor=officer, pdf=ContentFile(PDF, name="s.pdf"), name="waraka.pdf")
    services.version_submit(version=version, actor=officer)
    services.version_approve(version=version, actor=people["management"])
    services.version_publish(version=version, actor=officer)
    response = client.get(reverse("policies:version-pdf", kwargs={"slug": "na-pdf", "number": 1}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment") and b"".join(response.streaming_content) == PDF
    assert client.get(reverse("policies:version-pdf", kwargs={"slug": "na-pdf", "number": 2})).status_code == 404


def test_print_layout_is_linked_and_controls_are_hidden_on_paper(client, circular):
    html = client.get(reverse("policies:detail", kwargs={"slug": circular.slug})).content.decode()
    assert 'href="/static/css/print.css" media="print"' in html
    assert "no-print" in html and "policy-body" in html


# --- acceptance ----------------------------------------------------------------------------------


def _accept_post(browser, version, language="sw", **extra):
    url = reverse("policies:accept", kwargs={"slug": version.document.slug, "number": version.number})
    data = {"confirm": "on", "language": language, "shown_sha256": shown_hash(version, language), **extra}
    return browser.post(url, data, follow=True)


def test_staff_member_is_asked_accepts_and_is_not_asked_again(people, circular):
    staff = Client()
    staff.force_login(people["staff"])
    home = staff.get(reverse("home")).content.decode()
    assert "Sera unazotakiwa kukubali" in home or "Policies you must accept" in home
    page = staff.get(reverse("policies:detail", kwargs={"slug": circular.slug})).content.decode()
    assert 'name="shown_sha256"' in page
    version = PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED)
    response = _accept_post(staff, version)
    assert response.status_code == 200
    ack = Acknowledgement.objects.get(user=people["staff"], version=version)
    assert ack.ip_address == "127.0.0.1" and ack.text_sha256 == shown_hash(version)
    home = staff.get(reverse("home")).content.decode()
    assert circular.title_sw not in home
    page = staff.get(reverse("policies:detail", kwargs={"slug": circular.slug})).content.decode()
    assert 'name="shown_sha256"' not in page


def test_accepting_twice_by_double_click_changes_nothing_and_says_so(people, circular):
    staff = Client()
    staff.force_login(people["staff"])
    version = PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED)
    _accept_post(staff, version)
    response = _accept_post(staff, version)
    assert Acknowledgement.objects.filter(user=people["staff"]).count() == 1
    messages = [str(m) for m in response.context["messages"]]
    assert any("nothing was changed" in m or "hakuna kilichobadilishwa" in m.lower() for m in messages), messages


def test_accepting_a_superseded_version_changes_nothing_and_says_so(people, circular):
    staff = Client()
    staff.force_login(people["staff"])
    old = PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED)
    publish(circular, people)
    response = _accept_post(staff, old)
    assert not Acknowledgement.objects.exists()
    messages = [str(m) for m in response.context["messages"]]
    assert messages and all("2" in m for m in messages)


def test_accepting_without_ticking_the_box_records_nothing(people, circular):
    staff = Client()
    staff.force_login(people["staff"])
    version = PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED)
    _accept_post(staff, version, confirm="")
    url = reverse("policies:accept", kwargs={"slug": circular.slug, "number": version.number})
    staff.post(url, {"language": "sw", "shown_sha256": shown_hash(version)})
    assert not Acknowledgement.objects.exists()


def test_accepting_is_post_only_and_needs_csrf(people, circular):
    version = PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED)
    url = reverse("policies:accept", kwargs={"slug": circular.slug, "number": version.number})
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(people["staff"])
    assert staff.get(url).status_code == 405
    assert staff.post(url, {"confirm": "on", "language": "sw", "shown_sha256": shown_hash(version)}).status_code == 403
    assert not Acknowledgement.objects.exists()
    assert Client().post(url).status_code == 302  # anonymous: to the login page


def test_material_new_version_asks_again_on_the_home_page(people, circular):
    staff = Client()
    staff.force_login(people["staff"])
    accept(PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED), people["staff"])
    assert circular.title_sw not in staff.get(reverse("home")).content.decode()
    publish(circular, people, is_material=True)
    assert circular.title_sw in staff.get(reverse("home")).content.decode()


def test_home_panel_query_count_does_not_grow_with_documents(people, circular):
    staff = Client()
    staff.force_login(people["staff"])
    few, _ = queries(staff, reverse("home"))
    for index in range(6):
        publish(PolicyDocumentFactory(slug=f"nyingi-{index}"), people)
    many, response = queries(staff, reverse("home"))
    assert few == many
    assert response.content.decode().count('href="/policies/') >= 7


def test_my_policies_lists_outstanding_and_accepted(people, circular):
    staff = Client()
    staff.force_login(people["staff"])
    assert circular.title_sw in staff.get(reverse("policies:mine")).content.decode()
    accept(PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED), people["staff"])
    html = staff.get(reverse("policies:mine")).content.decode()
    assert circular.title_sw in html


# --- staff pages: who gets what ------------------------------------------------------------------


ROLES = ["staff", "hod", "technician", "ict_officer", "management", "auditor", "no_role"]
EXPECTED = {
    "policies:mine": {"staff", "hod", "technician", "ict_officer", "management", "auditor"},
    "policies:workflow": {"ict_officer", "management", "auditor"},
    "policies:compliance": {"hod", "ict_officer", "management", "auditor"},
    "policies:compliance-export": {"hod", "ict_officer", "management", "auditor"},
    "policies:exceptions": {"hod", "ict_officer", "management", "auditor"},
    "policies:exception-new": {"hod", "ict_officer"},
    "policies:reviews": {"ict_officer", "management", "auditor"},
    "policies:paper-new": {"ict_officer"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_staff_pages_answer_each_role_as_the_table_says(client, people, circular, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for who in ROLES:
        browser = Client()
        browser.force_login(people[who])
        expected = 200 if who in EXPECTED[name] else 403
        assert browser.get(url).status_code == expected, (name, who)


def test_exception_pages_answer_404_for_rows_a_head_may_not_see(people, circular, other_department):
    outsider = UserFactory(username="fedha.hod", department=other_department, roles=["hod", "staff"])
    exception = services.exception_request(
        document=circular,
        actor=outsider,
        department=other_department,
        scope="x",
        justification="y",
        starts_on=timezone.localdate(),
        expires_on=timezone.localdate() + dt.timedelta(days=5),
    )
    hod = Client()
    hod.force_login(people["hod"])
    assert hod.get(reverse("policies:exception", kwargs={"pk": exception.pk})).status_code == 404
    assert hod.post(reverse("policies:exception-approve", kwargs={"pk": exception.pk})).status_code == 403
    assert exception.reference not in hod.get(reverse("policies:exceptions")).content.decode()
    own = Client()
    own.force_login(outsider)
    assert own.get(reverse("policies:exception", kwargs={"pk": exception.pk})).status_code == 200
    assert own.get(reverse("policies:exception", kwargs={"pk": 99999})).status_code == 404


def test_workflow_steps_through_the_pages(people, circular):
    officer, manager = Client(), Client()
    officer.force_login(people["ict_officer"])
    manager.force_login(people["management"])
    version = draft(circular, people["ict_officer"])
    kwargs = {"slug": circular.slug, "number": version.number}
    assert officer.get(reverse("policies:version-submit", kwargs=kwargs)).status_code == 405
    officer.post(reverse("policies:version-submit", kwargs=kwargs), {"note": "Tafadhali"})
    page = manager.get(reverse("policies:version", kwargs=kwargs)).content.decode()
    assert reverse("policies:version-approve", kwargs=kwargs) in page
    response = manager.post(reverse("policies:version-return", kwargs=kwargs), {"note": ""}, follow=True)
    assert PolicyVersion.objects.get(pk=version.pk).status == VersionStatus.IN_REVIEW
    assert response.status_code == 200
    manager.post(reverse("policies:version-approve", kwargs=kwargs), {"note": ""})
    assert officer.post(reverse("policies:version-approve", kwargs=kwargs)).status_code == 403
    officer.post(reverse("policies:version-publish", kwargs=kwargs), {"note": ""})
    assert PolicyVersion.objects.get(pk=version.pk).status == VersionStatus.PUBLISHED
    assert PolicyVersion.objects.get(document=circular, number=1).status == VersionStatus.SUPERSEDED
    assert list(officer.get(reverse("policies:workflow")).context["page"]) == []


def test_a_refused_step_says_why_and_changes_nothing(people, circular):
    officer = Client()
    officer.force_login(people["ict_officer"])
    version = draft(circular, people["ict_officer"])
    response = officer.post(
        reverse("policies:version-publish", kwargs={"slug": circular.slug, "number": version.number}), follow=True
    )
    assert PolicyVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


# --- compliance ----------------------------------------------------------------------------------


def _population(people, other_department, size):
    for index in range(size):
        UserFactory(username=f"fin{index}", department=other_department, roles=["staff"])


def test_compliance_counts_per_department_and_lists_who_is_outstanding(people, circular, other_department):
    _population(people, other_department, 3)
    version = PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED)
    for key in ("staff", "hod"):
        accept(version, people[key])
    accept(version, UserFactory._meta.model.objects.get(username="fin0"))
    officer = Client()
    officer.force_login(people["ict_officer"])
    response = officer.get(reverse("policies:compliance"), {"document": circular.slug})
    rows = {r["department__code"]: r for r in response.context["rows"]}
    assert (rows["AFYA"]["required"], rows["AFYA"]["accepted"], rows["AFYA"]["percent"]) == (6, 2, 33)
    assert (rows["FEDHA"]["required"], rows["FEDHA"]["accepted"]) == (3, 1)
    outstanding = {u.username for u in response.context["page"]}
    assert "t.auditor" in outstanding and "fin1" in outstanding and "t.staff" not in outstanding
    assert "t.no_role" not in outstanding


def test_compliance_for_a_head_is_their_department_only(people, circular, other_department):
    _population(people, other_department, 2)
    hod = Client()
    hod.force_login(people["hod"])
    response = hod.get(reverse("policies:compliance"), {"document": circular.slug, "department": "FEDHA"})
    assert {r["department__code"] for r in response.context["rows"]} == {"AFYA"}
    assert all(u.department_id == people["hod"].department_id for u in response.context["page"])


def test_compliance_page_makes_a_fixed_number_of_queries(people, circular, other_department):
    officer = Client()
    officer.force_login(people["ict_officer"])
    url = reverse("policies:compliance") + f"?document={circular.slug}"
    few, _ = queries(officer, url)
    _population(people, other_department, 30)
    DepartmentFactory(code="KILIMO")
    many, _ = queries(officer, url)
    assert few == many <= 15


def test_compliance_xlsx_has_summary_outstanding_and_acceptances(people, circular):
    version = PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED)
    people["staff"].first_name = "=HYPERLINK(1)"
    people["staff"].save()
    accept(version, people["staff"])
    officer = Client()
    officer.force_login(people["ict_officer"])
    response = officer.get(reverse("policies:compliance-export"), {"document": circular.slug})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    workbook = load_workbook(io.BytesIO(response.content))
    summary, outstanding, accepted = workbook.worksheets
    assert [c.value for c in summary[2]][:4] == ["AFYA", "Afya", 6, 1]
    assert outstanding.max_row == 1 + 5
    assert accepted.max_row == 2 and accepted["B2"].value.startswith("'=HYPERLINK")


def test_superseded_version_compliance_uses_its_own_acceptances(people, circular):
    first = PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED)
    accept(first, people["staff"])
    publish(circular, people)
    officer = Client()
    officer.force_login(people["ict_officer"])
    current = officer.get(reverse("policies:compliance"), {"document": circular.slug}).context
    old = officer.get(reverse("policies:compliance"), {"document": circular.slug, "version": 1}).context
    assert current["total_accepted"] == 0 and old["total_accepted"] == 1


# --- paper acknowledgements ----------------------------------------------------------------------


def test_paper_acknowledgement_form_checks_the_scan_by_content(people, circular):
    officer = Client()
    officer.force_login(people["ict_officer"])
    version = PolicyVersion.objects.get(document=circular, status=VersionStatus.PUBLISHED)
    data = {"user": people["staff"].pk, "version": version.pk, "signed_on": timezone.localdate(), "language": "sw"}
    fake = SimpleUploadedFile("fomu.pdf", b"<html><script>alert(1)</script>")
    response = officer.post(reverse("policies:paper-new"), {**data, "scanned_form": fake})
    assert response.status_code == 400 and "scanned_form" in response.context["form"].errors
    assert not Acknowledgement.objects.exists()
    good = SimpleUploadedFile("fomu.pdf", PDF)
    response = officer.post(reverse("policies:paper-new"), {**data, "scanned_form": good})
    assert response.status_code == 302
    ack = Acknowledgement.objects.get()
    assert ack.method == "paper" and ack.recorded_by == people["ict_officer"]
    again = officer.post(reverse("policies:paper-new"), {**data, "scanned_form": SimpleUploadedFile("f.pdf", PDF)})
    assert again.status_code == 400 and "user" in again.context["form"].errors
    scan = reverse("policies:paper-scan", kwargs={"pk": ack.pk})
    for who, status in [("staff", 200), ("ict_officer", 200), ("auditor", 200), ("hod", 404), ("management", 404)]:
        browser = Client()
        browser.force_login(people[who])
        assert browser.get(scan).status_code == status, who
    assert Client().get(scan).status_code == 302


# --- exceptions and reviews ----------------------------------------------------------------------


def test_exception_request_with_bad_input_saves_nothing(people, circular):
    hod = Client()
    hod.force_login(people["hod"])
    today = timezone.localdate()
    response = hod.post(
        reverse("policies:exception-new"),
        {
            "document": circular.pk,
            "scope": "3.8",
            "justification": "",
            "starts_on": today,
            "expires_on": today - dt.timedelta(days=3),
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "justification" in errors and "department" in errors
    assert not PolicyException.objects.exists()
    response = hod.post(
        reverse("policies:exception-new"),
        {
            "document": circular.pk,
            "department": people["hod"].department.pk,
            "scope": "3.8",
            "justification": "Kituo hakina mtandao",
            "starts_on": today,
            "expires_on": today + dt.timedelta(days=500),
        },
    )
    assert response.status_code == 400 and "expires_on" in response.context["form"].errors
    assert not PolicyException.objects.exists()


def test_exception_register_lists_active_and_expired(people, circular):
    today = timezone.localdate()
    made = []
    for days in (30, 5):
        exception = services.exception_request(
            document=circular,
            actor=people["ict_officer"],
            person=people["staff"],
            scope="3.9",
            justification="sababu",
            starts_on=today,
            expires_on=today + dt.timedelta(days=days),
        )
        services.exception_approve(exception=exception, actor=people["management"])
        made.append(exception)
    PolicyException.objects.filter(pk=made[1].pk).update(
        starts_on=today - dt.timedelta(days=40), expires_on=today - dt.timedelta(days=1)
    )
    officer = Client()
    officer.force_login(people["ict_officer"])
    active = officer.get(reverse("policies:exceptions"), {"state": "active"}).content.decode()
    expired = officer.get(reverse("policies:exceptions"), {"state": "expired"}).content.decode()
    assert made[0].reference in active and made[1].reference not in active
    assert made[1].reference in expired and made[0].reference not in expired


def test_management_decides_an_exception_on_its_page(people, circular):
    exception = services.exception_request(
        document=circular,
        actor=people["hod"],
        department=people["hod"].department,
        scope="3.8",
        justification="sababu",
        starts_on=timezone.localdate(),
        expires_on=timezone.localdate() + dt.timedelta(days=20),
    )
    manager = Client()
    manager.force_login(people["management"])
    page = manager.get(reverse("policies:exception", kwargs={"pk": exception.pk})).content.decode()
    assert reverse("policies:exception-approve", kwargs={"pk": exception.pk}) in page
    manager.post(reverse("policies:exception-reject", kwargs={"pk": exception.pk}), {"note": ""})
    assert PolicyException.objects.get().status == "requested"
    manager.post(reverse("policies:exception-approve", kwargs={"pk": exception.pk}), {"note": "sawa"})
    assert PolicyException.objects.get().decided_by == people["management"]


def test_reviews_page_lists_overdue_documents_and_records_a_review(people, circular):
    PolicyDocument.objects.filter(pk=circular.pk).update(next_review_date=timezone.localdate() - dt.timedelta(days=3))
    officer = Client()
    officer.force_login(people["ict_officer"])
    html = officer.get(reverse("policies:reviews")).content.decode()
    assert circular.title_sw in html
    url = reverse("policies:review-record", kwargs={"slug": circular.slug})
    prefix = f"d{circular.pk}"
    bad = officer.post(url, {f"{prefix}-outcome": "confirmed", f"{prefix}-next_review_date": timezone.localdate()})
    assert bad.status_code == 400 and not PolicyReview.objects.exists()
    next_due = timezone.localdate() + dt.timedelta(days=365)
    officer.post(url, {f"{prefix}-outcome": "confirmed", f"{prefix}-next_review_date": next_due})
    assert PolicyDocument.objects.get(pk=circular.pk).next_review_date == next_due
    assert list(officer.get(reverse("policies:reviews")).context["page"]) == []


def test_reviews_page_makes_a_fixed_number_of_queries(people):
    officer = Client()
    officer.force_login(people["ict_officer"])
    past = timezone.localdate() - dt.timedelta(days=1)
    PolicyDocumentFactory(slug="r0", next_review_date=past)
    few, _ = queries(officer, reverse("policies:reviews"))
    for index in range(1, 8):
        PolicyDocumentFactory(slug=f"r{index}", next_review_date=past)
    many, _ = queries(officer, reverse("policies:reviews"))
    assert few == many <= 15


# --- addresses -----------------------------------------------------------------------------------


def test_a_document_cannot_take_a_fixed_address_as_its_slug(people):
    from django.core.exceptions import ValidationError

    document = PolicyDocumentFactory.build(slug="compliance", owner=DepartmentFactory(code="TEHAMA"))
    with pytest.raises(ValidationError) as info:
        document.full_clean()
    assert "slug" in info.value.message_dict
    from django.urls import resolve

    for fixed in ("mine", "workflow", "compliance", "exceptions", "reviews", "acknowledgements/paper"):
        assert resolve(f"/policies/{fixed}/").url_name != "detail"
        assert fixed.split("/")[0] in RESERVED_SLUGS


# --- more pages at two data sizes, and the POST-only doors for every role -------------------------


def _grow(people, circular, size):
    """`size` more of everything the staff pages list: versions in preparation, exceptions, acceptances."""
    today = timezone.localdate()
    for index in range(size):
        document = PolicyDocumentFactory(slug=f"ukuaji-{size}-{index}")
        publish(document, people)
        accept(PolicyVersion.objects.get(document=document, status=VersionStatus.PUBLISHED), people["staff"])
        draft(document, people["ict_officer"])
        exception = services.exception_request(
            document=document,
            actor=people["ict_officer"],
            person=people["staff"],
            scope=f"{index}",
            justification="sababu",
            starts_on=today,
            expires_on=today + dt.timedelta(days=30),
        )
        services.exception_approve(exception=exception, actor=people["management"])


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("ict_officer", "policies:workflow"),
        ("ict_officer", "policies:exceptions"),
        ("staff", "policies:mine"),
        ("hod", "policies:exceptions"),
        ("management", "policies:list"),
    ],
)
def test_staff_lists_make_a_fixed_number_of_queries(people, circular, who, name):
    browser = Client()
    browser.force_login(people[who])
    _grow(people, circular, 1)
    few, _ = queries(browser, reverse(name))
    _grow(people, circular, 6)
    many, response = queries(browser, reverse(name))
    assert few == many <= 15, (few, many)
    assert_page_is_clean(response.content.decode())


def test_version_page_for_a_manager_makes_a_fixed_number_of_queries(people, circular):
    manager = Client()
    manager.force_login(people["management"])
    version = draft(circular, people["ict_officer"])
    url = reverse("policies:version", kwargs={"slug": circular.slug, "number": version.number})
    few, _ = queries(manager, url)
    services.version_submit(version=version, actor=people["ict_officer"])
    services.version_return(version=version, actor=people["management"], note="zaidi")
    services.version_submit(version=version, actor=people["ict_officer"])
    many, response = queries(manager, url)
    assert few == many <= 15
    assert_page_is_clean(response.content.decode())


POST_DOORS = {
    "policies:version-submit": {"ict_officer"},
    "policies:version-approve": {"management"},
    "policies:version-return": {"ict_officer", "management"},
    "policies:version-publish": {"ict_officer"},
    "policies:accept": {"staff", "hod", "technician", "ict_officer", "management", "auditor"},
    "policies:review-record": {"ict_officer"},
    "policies:exception-approve": {"management"},
    "policies:exception-reject": {"management"},
    "policies:exception-revoke": {"ict_officer", "management"},
}


@pytest.mark.parametrize("name", sorted(POST_DOORS))
def test_post_doors_refuse_roles_that_may_not_act_and_change_nothing(client, people, circular, name):
    exception = services.exception_request(
        document=circular,
        actor=people["hod"],
        department=people["hod"].department,
        scope="x",
        justification="y",
        starts_on=timezone.localdate(),
        expires_on=timezone.localdate() + dt.timedelta(days=9),
    )
    if name.startswith("policies:exception"):
        kwargs = {"pk": exception.pk}
    elif name == "policies:review-record":
        kwargs = {"slug": circular.slug}
    else:
        kwargs = {"slug": circular.slug, "number": 1}
    url = reverse(name, kwargs=kwargs)
    before = (
        list(PolicyVersion.objects.values_list("status", flat=True)),
        list(PolicyException.objects.values_list("status", flat=True)),
        Acknowledgement.objects.count(),
    )
    response = client.post(url, {"note": "x"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for who in ROLES:
        if who in POST_DOORS[name]:
            continue
        browser = Client()
        browser.force_login(people[who])
        assert browser.post(url, {"note": "x"}).status_code == 403, (name, who)
    allowed = Client()
    allowed.force_login(people[sorted(POST_DOORS[name])[0]])
    assert allowed.get(url).status_code == 405
    after = (
        list(PolicyVersion.objects.values_list("status", flat=True)),
        list(PolicyException.objects.values_list("status", flat=True)),
        Acknowledgement.objects.count(),
    )
    assert before == after
