"""Template context shared by every page: the organisation, the person's roles, the menu."""

from django.conf import settings

from .models import OrganisationProfile
from .nav import nav_for
from .roles import user_roles


def portal(request):
    org = getattr(request, "_organisation_profile", None)
    if org is None:
        org = OrganisationProfile.current()
        request._organisation_profile = org
    user = getattr(request, "user", None)
    roles = user_roles(user)
    return {
        "org": org,
        "roles": roles,
        "nav_items": nav_for(user, roles) if user is not None else [],
        "portal_languages": settings.LANGUAGES,
    }
