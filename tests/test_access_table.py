"""The access table covers every URL of the project, and every role gets what the table says.

A new view that is not in the table fails `test_every_url_pattern_has_a_rule`, so nothing ships
unguarded. URLs without parameters are requested as every role here; each app's own tests (and
the security suite) cover the URLs that need a row to exist.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kilombero_ict.access import rule_for

from .conftest import signed_in


def walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            if name is None and namespace == "admin":
                continue  # the admin's unnamed redirects are covered by the admin site's own rule
            yield (f"{namespace}:{name}" if namespace and name else name), pattern


def project_patterns():
    return list(walk(get_resolver().url_patterns))


def test_every_url_pattern_has_a_name_and_a_rule():
    unnamed = [str(p.pattern) for name, p in project_patterns() if name is None]
    missing = sorted({name for name, p in project_patterns() if name and rule_for(name) is None})
    assert not unnamed, f"URL patterns without a name: {unnamed}"
    assert not missing, f"URL patterns missing from the access table: {missing}"


def parameterless_urls():
    seen = []
    for name, pattern in project_patterns():
        if not name or name.startswith("admin:") or pattern.pattern.regex.groups:
            continue
        seen.append(name)
    return sorted(set(seen))


# URLs that only take POST (a GET is refused with 405 whoever asks).
POST_ONLY = {"set_language", "logout", "two_factor_disable"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["anonymous", "staff", "hod", "technician", "ict_officer", "management", "auditor", "no_role"]
)
def test_each_role_gets_what_the_table_says(who, people, client):
    client_ = client if who == "anonymous" else signed_in(people[who])
    user = None if who == "anonymous" else people[who]
    for name in parameterless_urls():
        url = reverse(name)
        response = client_.get(url)
        rule = rule_for(name)
        if name in POST_ONLY:
            assert response.status_code in (302, 405), (name, response.status_code)
            continue
        if user is None and not rule.public:
            assert response.status_code == 302, (name, response.status_code)
            assert response["Location"].startswith(reverse("login")), (name, response["Location"])
        elif user is not None and not rule.allows(user):
            assert response.status_code == (404 if rule.hide else 403), (who, name, response.status_code)
        else:
            assert response.status_code in (200, 302), (who, name, response.status_code)
            if response.status_code == 302:
                assert not response["Location"].startswith(reverse("login")), (who, name)


@pytest.mark.django_db
def test_admin_opens_for_the_ict_officer_only(people, client):
    assert client.get("/admin/").status_code == 302
    for who in ("staff", "hod", "technician", "management", "auditor"):
        response = signed_in(people[who]).get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"], who
    assert signed_in(people["ict_officer"]).get("/admin/").status_code == 200


@pytest.mark.django_db
def test_is_staff_alone_grants_no_role(client, department):
    from kilombero_ict.roles import user_roles

    from .factories import UserFactory

    clerk = UserFactory(username="clerk", is_staff=True, department=department)
    assert user_roles(clerk) == set()
    assert signed_in(clerk).get(reverse("profile")).status_code == 200


@pytest.mark.django_db
def test_rules_with_a_predicate_and_hidden_refusal(people):
    from kilombero_ict.access import roles
    from kilombero_ict.roles import Role

    rule = roles(Role.AUDITOR).or_when(lambda user: user.username == "t.staff").hidden()
    assert rule.allows(people["auditor"]) and rule.allows(people["staff"])
    assert not rule.allows(people["hod"]) and rule.hide
