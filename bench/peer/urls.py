"""The peer's addresses: django-helpdesk at the root (/tickets/, /login/, /dashboard/...), the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("helpdesk.urls", namespace="helpdesk")),
]
