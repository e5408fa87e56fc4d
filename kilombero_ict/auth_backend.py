"""Signing in with a username and password, and loading the signed-in person on every request.

Django's own ModelBackend, with one change: the person behind a session is read together with
their department and the names of their groups (their roles) in one statement. Every page shows
the department in the navigation and asks `user_roles`, which would otherwise cost two more
queries per request.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef


class PortalBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        groups = Group.objects.filter(user=OuterRef("pk")).values("name")
        user = (
            model._default_manager.select_related("department")
            .annotate(group_names=ArraySubquery(groups))
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
