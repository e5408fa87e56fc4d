"""Asset tags made from the register's pattern, e.g. KDC/ICT/2026/00042, unique under concurrent registration."""

import hashlib

from django.utils import timezone

from kilombero_ict.models import OrganisationProfile, ReferenceSequence

from ..models import Asset, RegisterSettings


def series_key(pattern: str, org: str, year: int) -> str:
    prefix = pattern.replace("{number", "{_n").split("{_n", 1)[0].format(org=org, year=year)
    key = f"tag:{prefix}"
    if len(key) > 40:
        key = "tag:" + hashlib.sha1(prefix.encode(), usedforsecurity=False).hexdigest()[:32]
    return key


def next_asset_tag(*, year: int | None = None) -> str:
    """Hand out the next free tag of the current pattern for `year` (default: this year).

    The running number comes from a `ReferenceSequence` row that stays locked until the caller's
    transaction ends, so two registrations at the same moment get different numbers. A number
    whose tag was already typed by hand is skipped.
    """
    pattern = RegisterSettings.current().tag_pattern
    org = OrganisationProfile.current().short_name or "ICT"
    year = year or timezone.localdate().year
    key = series_key(pattern, org, year)
    while True:
        number = ReferenceSequence.next_value(key)
        tag = pattern.format(org=org, year=year, number=number)
        if not Asset.objects.filter(tag__iexact=tag).exists():
            return tag
