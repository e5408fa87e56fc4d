"""The matrix is data: created by migration, looked up in one query, locked once a risk is rated on it."""

import pytest
from django.core.exceptions import ValidationError

from risk.matrix import Grid, Rating
from risk.models import ImpactLevel, LikelihoodLevel, MatrixCell, RiskCategory, RiskLevel, RiskMatrix

from .factories import make_risk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_migration_creates_a_bilingual_five_by_five_matrix():
    matrix = RiskMatrix.objects.get()
    assert matrix.likelihood_levels.count() == 5 and matrix.impact_levels.count() == 5
    assert matrix.cells.count() == 25
    for step in [*LikelihoodLevel.objects.all(), *ImpactLevel.objects.all()]:
        assert step.label_sw and step.label_en and step.description_sw and step.description_en
    levels = {level.code: level for level in RiskLevel.objects.all()}
    assert list(levels) == ["low", "medium", "high", "very_high"]
    assert {code: level.review_interval_days for code, level in levels.items()} == {
        "low": 360,
        "medium": 180,
        "high": 90,
        "very_high": 90,
    }
    assert len({level.colour for level in levels.values()}) == 4
    assert all(level.label_sw and level.label_en for level in levels.values())
    assert matrix.appetite.code == "medium"


def test_the_migration_creates_the_eight_categories_in_both_languages():
    codes = set(RiskCategory.objects.values_list("code", flat=True))
    assert codes == {
        "information-security",
        "availability-network",
        "power-environment",
        "data-backups",
        "people-skills",
        "suppliers-contracts",
        "compliance",
        "physical",
    }
    assert not RiskCategory.objects.filter(name_en="").exists()


def test_grid_loads_in_one_query_and_looks_ratings_up(django_assert_num_queries):
    with django_assert_num_queries(1):
        grid = Grid.load()
        assert grid.level_for(Rating(5, 5)).code == "very_high"
        assert grid.level_for(Rating(4, 3)).code == "high"
        assert grid.level_for(Rating(3, 2)).code == "medium"
        assert grid.level_for(Rating(2, 2)).code == "low"
        assert [s.value for s in grid.likelihoods] == [1, 2, 3, 4, 5]
        assert grid.is_complete


@pytest.mark.parametrize("rating", [Rating(6, 1), Rating(0, 3), Rating(3, 9)])
def test_a_rating_outside_the_matrix_is_refused_with_a_clear_message(rating):
    with pytest.raises(ValidationError) as exc:
        Grid.load().level_for(rating, field="current_likelihood")
    message = exc.value.message_dict["current_likelihood"][0]
    assert "not in the risk matrix" in message and "from 1 to 5" in message


def test_the_matrix_can_be_changed_until_a_risk_is_rated_on_it(people):
    level = RiskLevel.objects.get(code="high")
    level.review_interval_days = 60
    level.full_clean()  # no risk yet: allowed
    level.save()
    make_risk(by=people["ict_officer"])
    level.review_interval_days = 30
    with pytest.raises(ValidationError, match="can no longer be changed"):
        level.full_clean()
    cell = MatrixCell.objects.select_related("likelihood", "impact").first()
    cell.level = RiskLevel.objects.get(code="very_high")
    with pytest.raises(ValidationError, match="already rated on it"):
        cell.full_clean()


def test_an_unchanged_part_of_a_locked_matrix_still_validates(people):
    make_risk(by=people["ict_officer"])
    LikelihoodLevel.objects.first().full_clean()


def test_a_cell_must_join_parts_of_its_own_matrix():
    other = RiskMatrix.objects.create(name_sw="Nyingine")
    cell = MatrixCell.objects.first()
    cell.matrix = other
    with pytest.raises(ValidationError, match="belong to this matrix"):
        cell.full_clean()
