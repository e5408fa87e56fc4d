"""Every form of the register against hostile text: never a server error, never markup echoed as markup."""

import pytest
from django import forms
from django.urls import reverse

from assets import services

from ..factories import LocationFactory
from .factories import AssetFactory, ConsumableItemFactory, LicenceFactory

pytestmark = pytest.mark.django_db

MARK = "Zq9x"
HOSTILE = [
    f'<script>alert("{MARK}")</script>',
    f'"><img src=x onerror=alert("{MARK}")>',
    f"'; DROP TABLE assets_asset; -- {MARK}",
    f"%s%n %(password)s {{{{ settings.SECRET_KEY }}}} {MARK}",
    f"\u202e{MARK}\u200f مرحبا Zażółć \U0001f642",
    f'=HYPERLINK("http://evil.example","{MARK}")',
    f"{MARK}\x00null",
    f"{MARK} " + "A" * 5000,
]


def hostile_data(form, text):
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.BooleanField):
            data[name] = "on"
        elif isinstance(field, (forms.ModelChoiceField, forms.ChoiceField)):
            choices = [value for value, _label in field.choices if value not in ("", None)]
            data[name] = str(choices[0].value if hasattr(choices[0], "value") else choices[0]) if choices else text
        elif isinstance(field, forms.FileField):
            continue
        else:
            data[name] = text
    return data


def test_every_form_survives_hostile_text(people, client_for):
    officer = people["ict_officer"]
    asset = AssetFactory()
    deployed = AssetFactory()
    services.asset_check_out(actor=officer, asset=deployed, user=people["staff"], notify=False)
    item = ConsumableItemFactory()
    services.consumable_receive(actor=officer, item=item, quantity=5)
    licence = LicenceFactory()
    stocktake = services.stocktake_open(actor=officer, location=LocationFactory())
    urls = [
        reverse("assets:create"),
        reverse("assets:edit", args=[asset.pk]),
        reverse("assets:check-out", args=[asset.pk]),
        reverse("assets:check-in", args=[deployed.pk]),
        reverse("assets:repair", args=[asset.pk]),
        reverse("assets:lost", args=[asset.pk]),
        reverse("assets:retire", args=[asset.pk]),
        reverse("assets:move", args=[asset.pk]),
        reverse("assets:dispose", args=[asset.pk]),
        reverse("assets:maintenance-log", args=[asset.pk]),
        reverse("assets:schedule-create", args=[asset.pk]),
        reverse("assets:consumable-create"),
        reverse("assets:consumable-edit", args=[item.pk]),
        reverse("assets:consumable-receive", args=[item.pk]),
        reverse("assets:consumable-issue", args=[item.pk]),
        reverse("assets:consumable-adjust", args=[item.pk]),
        reverse("assets:consumable-count", args=[item.pk]),
        reverse("assets:licence-create"),
        reverse("assets:licence-edit", args=[licence.pk]),
        reverse("assets:licence-assign", args=[licence.pk]),
        reverse("assets:stocktake-open"),
        reverse("assets:stocktake-close", args=[stocktake.pk]),
    ]
    client = client_for(officer)
    problems = []
    for url in urls:
        form = client.get(url).context["form"]
        for text in HOSTILE:
            response = client.post(url, hostile_data(form, text))
            body = response.content.decode(errors="replace")
            if response.status_code >= 500:
                problems.append((url, text[:30], response.status_code))
            elif f'<script>alert("{MARK}")' in body or f'<img src=x onerror=alert("{MARK}")>' in body:
                problems.append((url, text[:30], "markup echoed"))
    record = reverse("assets:stocktake-record", args=[stocktake.pk])
    for text in HOSTILE:
        response = client.post(record, {"scanned": text, "note": text})
        if response.status_code >= 500:
            problems.append((record, text[:30], response.status_code))
    page = client.get(reverse("assets:stocktake", args=[stocktake.pk])).content.decode()
    assert f'<script>alert("{MARK}")' not in page
    for params in (
        {"q": HOSTILE[0], "ordering": HOSTILE[2], "page": HOSTILE[3]},
        {"holder": HOSTILE[6]},
        {"status": HOSTILE[1]},
    ):
        response = client.get(reverse("assets:list"), params)
        if response.status_code >= 500:
            problems.append(("list", params, response.status_code))
    for slug in ("register-value", "consumable-usage"):
        response = client.get(
            reverse("assets:report", args=[slug]), {"as_at": HOSTILE[6], "start": HOSTILE[0], "department": HOSTILE[2]}
        )
        if response.status_code >= 500:
            problems.append((slug, response.status_code))
    assert not problems, problems
