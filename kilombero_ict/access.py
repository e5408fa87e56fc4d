"""The access table: one declaration of who may open each URL of the portal.

Every named URL pattern has a rule. `AccessTableMiddleware` enforces the rule before the
view runs (anonymous visitors are sent to the login page, signed-in people without the
role get 403), and `tests/test_access_table.py` walks every URL pattern of the project and
fails for any pattern without a rule, so a new view cannot ship unguarded.

Row-level scope (whose ticket, which department) is not decided here: selectors answer 404
for rows a person may not see.

Each app declares its own rows in `<app>/access.py` as `ACCESS = {"app:url-name": rule}`;
`access_table()` merges them with the organisation layer's rows below.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from .roles import ALL_ROLES, ICT_ROLES, OVERSIGHT_ROLES, Role, user_roles


@dataclass(frozen=True)
class Rule:
    """Who may open a URL: the public, any signed-in person, or holders of some roles.

    `when` admits further signed-in people by a predicate (e.g. "owns at least one risk");
    `hide` answers 404 instead of 403 to those refused, for areas whose existence is not
    everyone's business.
    """

    public: bool = False
    signed_in: bool = False
    roles: frozenset = field(default_factory=frozenset)
    admin_site: bool = False
    when: Callable | None = None
    hide: bool = False

    def allows(self, user, *, by_role_only: bool = False) -> bool:
        """True when `user` may open the URL; `by_role_only` skips the predicate (it may cost a query)."""
        if self.public or self.admin_site:
            return True
        if not user.is_authenticated:
            return False
        if self.signed_in:
            return True
        if user_roles(user) & self.roles:
            return True
        return bool(not by_role_only and self.when is not None and self.when(user))

    def or_when(self, predicate: Callable) -> "Rule":
        """This rule, also admitting signed-in people for whom `predicate(user)` is true."""
        return replace(self, when=predicate)

    def hidden(self) -> "Rule":
        """This rule, answering 404 (not 403) to signed-in people it refuses."""
        return replace(self, hide=True)

    def describe(self) -> str:
        if self.public:
            return "public"
        if self.admin_site:
            return "admin site (is_staff + model permissions)"
        if self.signed_in:
            return "any signed-in person"
        return ", ".join(sorted(self.roles))


PUBLIC = Rule(public=True)
SIGNED_IN = Rule(signed_in=True)
ADMIN_SITE = Rule(admin_site=True)


def roles(*codes: str) -> Rule:
    """A rule for the holders of any of `codes` (see `kilombero_ict.roles.Role`)."""
    unknown = set(codes) - set(Role.values)
    if unknown:
        raise ImproperlyConfigured(f"Unknown roles in the access table: {sorted(unknown)}")
    return Rule(roles=frozenset(codes))


# Handy groupings for app tables.
ANY_ROLE = roles(*ALL_ROLES)
ICT = roles(*ICT_ROLES)
ICT_OFFICER_ONLY = roles(Role.ICT_OFFICER)
ICT_AND_OVERSIGHT = roles(*ICT_ROLES, *OVERSIGHT_ROLES)

# The organisation layer's own URLs.
ACCESS = {
    "home": PUBLIC,
    "about-ict": PUBLIC,
    "healthz": PUBLIC,
    "org-logo": PUBLIC,
    "set_language": PUBLIC,
    "login": PUBLIC,
    "logout": PUBLIC,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "profile": SIGNED_IN,
    "two_factor": SIGNED_IN,
    "two_factor_disable": SIGNED_IN,
    "audit-trail": roles(Role.ICT_OFFICER, Role.AUDITOR),
    "portal-search": ICT,
    # Reports (kilombero_ict/report_views.py): a head of department reads their own department's only (404 otherwise).
    "reports-overview": ICT_AND_OVERSIGHT,
    "department-reports": roles(*ICT_ROLES, *OVERSIGHT_ROLES, Role.HOD),
    "department-report": roles(*ICT_ROLES, *OVERSIGHT_ROLES, Role.HOD),
    "recommendation-create": ICT_OFFICER_ONLY,
    "recommendation-status": roles(Role.ICT_OFFICER, Role.HOD),
    "admin:*": ADMIN_SITE,
    "bench-floor": SIGNED_IN,  # the performance harness's floor page, mounted only with BENCH=1
}


# Pages a person signed in with a password alone may still open before giving the second factor.
SECOND_FACTOR_EXEMPT = frozenset(
    {"two_factor", "logout", "set_language", "healthz", "org-logo", "login", "admin:logout", "admin:login"}
)


@cache
def access_table() -> dict[str, Rule]:
    """Merge the organisation layer's rows with every project app's `access.ACCESS`."""
    table = dict(ACCESS)
    for config in apps.get_app_configs():
        if config.name == "kilombero_ict" or not config.path.startswith(str(_project_root())):
            continue
        try:
            module = import_module(f"{config.name}.access")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.access":
                raise
            continue
        for name, rule in getattr(module, "ACCESS", {}).items():
            if name in table:
                raise ImproperlyConfigured(f"URL {name!r} appears twice in the access table.")
            table[name] = rule
    return table


def _project_root():
    from django.conf import settings

    return settings.BASE_DIR


def rule_for(view_name: str) -> Rule | None:
    """The rule for a resolved view name (`namespace:name`), or None when it has none."""
    table = access_table()
    if view_name in table:
        return table[view_name]
    namespace = view_name.rpartition(":")[0]
    while namespace:
        rule = table.get(f"{namespace}:*")
        if rule is not None:
            return rule
        namespace = namespace.rpartition(":")[0]
    return None


def can_open(user, view_name: str, *, by_role_only: bool = False) -> bool:
    """True when the access table lets `user` open `view_name` (used by navigation and links)."""
    rule = rule_for(view_name)
    return rule is not None and rule.allows(user, by_role_only=by_role_only)
