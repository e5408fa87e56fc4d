"""URLs: Swahili without a prefix, English under /en/; /healthz and the language switch outside both."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import report_views, twofactor, views
from .forms import PortalPasswordChangeForm, PortalSetPasswordForm
from .search import PortalSearchView
from .services import PasswordSetupForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("branding/logo", views.org_logo, name="org-logo"),
]

account_patterns = [
    path("login/", views.PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("two-factor/", twofactor.TwoFactorView.as_view(), name="two_factor"),
    path("two-factor/disable/", twofactor.TwoFactorDisableView.as_view(), name="two_factor_disable"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(form_class=PortalPasswordChangeForm),
        name="password_change",
    ),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordSetupForm),
        name="password_reset",
    ),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=PortalSetPasswordForm),
        name="password_reset_confirm",
    ),
    path("password/reset/complete/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about-ict/", views.AboutView.as_view(), name="about-ict"),
    path("audit/", views.AuditTrailView.as_view(), name="audit-trail"),
    path("search/", PortalSearchView.as_view(), name="portal-search"),
    path("reports/", report_views.ReportsOverviewView.as_view(), name="reports-overview"),
    path("reports/departments/", report_views.DepartmentReportListView.as_view(), name="department-reports"),
    path("reports/departments/<str:code>/", report_views.DepartmentReportView.as_view(), name="department-report"),
    path(
        "reports/departments/<str:code>/recommendations/",
        report_views.RecommendationCreateView.as_view(),
        name="recommendation-create",
    ),
    path(
        "reports/recommendations/<int:pk>/status/",
        report_views.RecommendationStatusView.as_view(),
        name="recommendation-status",
    ),
    path("accounts/", include(account_patterns)),
    path("assets/", include("assets.urls")),
    path("procurement/", include("assets.procurement_urls")),
    path("helpdesk/", include("helpdesk.urls")),
    path("policies/", include("policies.urls")),
    path("risk/", include("risk.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler500 = "kilombero_ict.views.server_error"

# The performance harness's floor page (bench/views.py), mounted only when BENCH=1 (see settings).
from django.conf import settings  # noqa: E402 - kept beside the one hook that needs it

if settings.BENCH:
    from bench.views import floor

    urlpatterns.append(path("bench/floor/", floor, name="bench-floor"))
