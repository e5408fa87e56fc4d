"""Factories for the organisation layer, shared by every app's tests."""

import factory
from django.contrib.auth.models import Group

from kilombero_ict.models import Department, Location, User
from kilombero_ict.roles import ROLE_GROUPS

PASSWORD = "kilombero-test-pass"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"DEPT{n}")
    name_sw = factory.Sequence(lambda n: f"Idara ya Majaribio {n}")
    name_en = factory.Sequence(lambda n: f"Test Department {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"LOC{n}")
    name = factory.Sequence(lambda n: f"Ofisi {n}")
    kind = Location.Kind.WARD_OFFICE


class UserFactory(factory.django.DjangoModelFactory):
    """A person; pass `roles=[Role.HOD, ...]` to put them in the role groups."""

    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.go.tz")
    department = factory.SubFactory(DepartmentFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[ROLE_GROUPS[r] for r in extracted]))
        if create:
            self.save()
