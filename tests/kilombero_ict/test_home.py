import pytest
from django.urls import reverse

from kilombero_ict import home
from kilombero_ict.home import Panel
from tests.conftest import signed_in


@pytest.mark.django_db
def test_signed_in_home_shows_the_panels_apps_contribute(people, monkeypatch, tmp_path, settings):
    template_dir = tmp_path / "templates"
    (template_dir / "t").mkdir(parents=True)
    (template_dir / "t" / "panel.html").write_text("<section>PANEL {{ panel.context.n }}</section>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], template_dir]}]
    monkeypatch.setattr(
        home,
        "_providers",
        lambda: (lambda request: [Panel("t/panel.html", {"n": 2}, 20), Panel("t/panel.html", {"n": 1}, 5)],),
    )
    html = signed_in(people["staff"]).get(reverse("home")).content.decode()
    assert html.index("PANEL 1") < html.index("PANEL 2")


@pytest.mark.django_db
def test_anonymous_home_is_the_public_page(client):
    html = client.get(reverse("home")).content.decode()
    assert "Tunachofanya" in html and "Karibu" not in html
