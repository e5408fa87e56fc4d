"""The knowledge base: who reads what, writing and publishing, feedback, deflections, suggestions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Article, ArticleFeedback, Deflection, Ticket
from tests.conftest import signed_in

from .factories import article


def kb_url(name, slug):
    return reverse(f"helpdesk:{name}", kwargs={"slug": slug})


@pytest.mark.django_db
def test_public_articles_are_for_everyone_staff_ones_for_signed_in_drafts_for_ict(client, people):
    author = people["technician"]
    article(author, slug="wazi", audience=Article.Audience.PUBLIC)
    article(author, slug="ndani", audience=Article.Audience.STAFF)
    article(author, slug="rasimu", publish=False)
    assert client.get(kb_url("kb-article", "wazi")).status_code == 200
    assert client.get(kb_url("kb-article", "ndani")).status_code == 404
    staff = signed_in(people["staff"])
    assert staff.get(kb_url("kb-article", "ndani")).status_code == 200
    assert staff.get(kb_url("kb-article", "rasimu")).status_code == 404
    assert signed_in(author).get(kb_url("kb-article", "rasimu")).status_code == 200
    listed = client.get(reverse("helpdesk:kb")).context["page"].object_list
    assert [a.slug for a in listed] == ["wazi"]


@pytest.mark.django_db
def test_article_text_is_sanitised_markdown(people):
    made = article(
        people["technician"],
        slug="hatari",
        body_sw="# Kichwa\n\n<script>alert(1)</script> [kiungo](javascript:alert(1)) **nzito**",
    )
    html = signed_in(people["staff"]).get(kb_url("kb-article", made.slug)).content.decode()
    assert "<h2>Kichwa</h2>" in html and "<strong>nzito</strong>" in html
    assert "<script>alert(1)</script>" not in html and "javascript:" not in html


@pytest.mark.django_db
def test_only_ict_staff_write_and_publish(people):
    with pytest.raises(ValidationError):
        services.article_create(actor=people["staff"], title_sw="x", body_sw="y")
    staff = signed_in(people["staff"])
    assert staff.get(reverse("helpdesk:kb-new")).status_code == 404
    assert staff.post(reverse("helpdesk:kb-new"), {"title_sw": "x", "body_sw": "y"}).status_code == 404
    ict = signed_in(people["technician"])
    response = ict.post(
        reverse("helpdesk:kb-new"),
        {"title_sw": "Nywila", "title_en": "Password reset", "body_sw": "Maelezo", "audience": "staff"},
    )
    made = Article.objects.get()
    assert response.status_code == 302 and made.slug == "password-reset" and not made.is_published
    assert ict.post(kb_url("kb-publish", made.slug)).status_code == 302
    assert Article.objects.get().is_published
    assert ict.get(kb_url("kb-publish", made.slug)).status_code == 405


@pytest.mark.django_db
def test_article_form_errors_are_shown_and_nothing_is_saved(people):
    ict = signed_in(people["technician"])
    response = ict.post(reverse("helpdesk:kb-new"), {"title_sw": "", "body_sw": "", "slug": "new", "audience": "staff"})
    assert response.status_code == 400
    assert {"title_sw", "body_sw"} <= set(response.context["form"].errors)
    response = ict.post(
        reverse("helpdesk:kb-new"), {"title_sw": "x", "body_sw": "y", "slug": "new", "audience": "staff"}
    )
    assert response.status_code == 400 and "slug" in response.context["form"].errors
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_feedback_counts_once_per_person_and_can_change(people):
    made = article(people["technician"])
    client = signed_in(people["staff"])
    client.post(kb_url("kb-feedback", made.slug), {"helpful": "yes"})
    client.post(kb_url("kb-feedback", made.slug), {"helpful": "yes"})
    made.refresh_from_db()
    assert (made.helpful_count, made.unhelpful_count) == (1, 0)
    client.post(kb_url("kb-feedback", made.slug), {"helpful": "no"})
    made.refresh_from_db()
    assert (made.helpful_count, made.unhelpful_count) == (0, 1)
    assert ArticleFeedback.objects.count() == 1


@pytest.mark.django_db
def test_this_solved_it_records_a_deflection_and_files_or_closes_nothing(people):
    made = article(people["technician"])
    client = signed_in(people["staff"])
    page = client.get(kb_url("kb-article", made.slug), {"subject": "printa imekwama"})
    assert kb_url("kb-solved", made.slug) in page.content.decode()
    response = client.post(kb_url("kb-solved", made.slug), {"subject": "printa imekwama"})
    assert response.status_code == 302
    deflection = Deflection.objects.get()
    assert deflection.subject == "printa imekwama" and deflection.user == people["staff"]
    made.refresh_from_db()
    assert made.deflection_count == 1 and not Ticket.objects.exists()


@pytest.mark.django_db
def test_suggestions_while_typing_match_words_and_respect_the_audience(client, people):
    article(people["technician"], slug="printa", title_sw="Karatasi imekwama kwenye printa")
    article(people["technician"], slug="ndani", title_sw="Nywila ya MUSE", audience=Article.Audience.STAFF)
    fragment = signed_in(people["staff"]).get(reverse("helpdesk:kb-suggest"), {"subject": "printa karatasi"})
    assert "Karatasi imekwama kwenye printa" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()  # a fragment, not a page
    assert (
        "Nywila ya MUSE" not in client.get(reverse("helpdesk:kb-suggest"), {"subject": "muse nywila"}).content.decode()
    )
    assert (
        "Nywila ya MUSE"
        in signed_in(people["staff"]).get(reverse("helpdesk:kb-suggest"), {"subject": "nywila muse"}).content.decode()
    )


@pytest.mark.django_db
def test_knowledge_base_search_and_bad_pages(people):
    article(people["technician"], slug="wifi", title_sw="Wi-Fi ya ofisi", body_sw="Unganisha na KDC-Watumishi")
    client = signed_in(people["staff"])
    assert [a.slug for a in client.get(reverse("helpdesk:kb"), {"q": "watumishi"}).context["page"].object_list] == [
        "wifi"
    ]
    assert client.get(reverse("helpdesk:kb"), {"q": "<script>", "page": "abc", "category": "x"}).status_code == 200
