"""The matrix in memory: one query loads the whole grid, then ratings are looked up without the database.

`Grid.load()` reads every cell of the council's matrix with its likelihood, impact and level in a
single query. Services use it to turn a likelihood and an impact into a level (refusing any pair
outside the matrix); pages use it to draw the heat map and the rating choices.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import MatrixCell, RiskLevel, RiskMatrix


@dataclass(frozen=True)
class Rating:
    """A likelihood and an impact, as chosen by a person (not yet checked against the matrix)."""

    likelihood: int
    impact: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class Grid:
    """The council's matrix: its scales, its levels and the level of every likelihood x impact pair."""

    def __init__(self, matrix: RiskMatrix, cells: list[MatrixCell]):
        self.matrix = matrix
        self.cells = {(c.likelihood.value, c.impact.value): c.level for c in cells}
        self.likelihoods = sorted({c.likelihood.value: c.likelihood for c in cells}.values(), key=lambda s: s.value)
        self.impacts = sorted({c.impact.value: c.impact for c in cells}.values(), key=lambda s: s.value)
        self.levels = sorted({c.level_id: c.level for c in cells}.values(), key=lambda lv: lv.rank)
        self.levels_by_id = {level.id: level for level in self.levels}
        self.levels_by_code = {level.code: level for level in self.levels}
        appetite = self.levels_by_id.get(matrix.appetite_id)
        self.appetite: RiskLevel | None = appetite

    @classmethod
    def load(cls) -> "Grid | None":
        """The matrix with its whole grid in one query; None when no matrix exists yet."""
        cells = list(
            MatrixCell.objects.select_related("matrix", "likelihood", "impact", "level").order_by("matrix_id", "id")
        )
        if cells:
            matrix = cells[0].matrix
            return cls(matrix, [c for c in cells if c.matrix_id == matrix.id])
        matrix = RiskMatrix.objects.order_by("id").first()
        return cls(matrix, []) if matrix is not None else None

    @property
    def is_complete(self) -> bool:
        return bool(self.cells) and len(self.cells) == len(self.likelihoods) * len(self.impacts)

    def likelihood(self, value: int):
        return next((s for s in self.likelihoods if s.value == value), None)

    def impact(self, value: int):
        return next((s for s in self.impacts if s.value == value), None)

    def level_for(self, rating: Rating, *, field: str | None = None) -> RiskLevel:
        """The level of `rating`; a ValidationError (on `field` if given) when the pair is not in the matrix."""
        level = self.cells.get((rating.likelihood, rating.impact))
        if level is None:
            message = _(
                "Likelihood %(likelihood)s and impact %(impact)s are not in the risk matrix: choose a likelihood "
                "from %(l_min)s to %(l_max)s and an impact from %(i_min)s to %(i_max)s."
            ) % {
                "likelihood": rating.likelihood,
                "impact": rating.impact,
                "l_min": self.likelihoods[0].value if self.likelihoods else 1,
                "l_max": self.likelihoods[-1].value if self.likelihoods else 1,
                "i_min": self.impacts[0].value if self.impacts else 1,
                "i_max": self.impacts[-1].value if self.impacts else 1,
            }
            raise ValidationError({field: message} if field else message, code="outside_matrix")
        return level

    def rank_key(self, level: RiskLevel | None, likelihood: int | None, impact: int | None) -> tuple[int, int]:
        """How serious a rating is, for comparisons: the level's rank first, then likelihood x impact."""
        if level is None or likelihood is None or impact is None:
            return (0, 0)
        return (level.rank, likelihood * impact)

    def is_above_appetite(self, level: RiskLevel | None) -> bool:
        return level is not None and self.appetite is not None and level.rank > self.appetite.rank

    def rows(self):
        """Likelihoods from the highest down, each with its cells from the lowest impact up (for drawing)."""
        return [
            (scale, [(impact, self.cells.get((scale.value, impact.value))) for impact in self.impacts])
            for scale in reversed(self.likelihoods)
        ]


def no_matrix_error() -> ValidationError:
    return ValidationError(
        _("The risk matrix has not been set up. The ICT officer sets it up in the administration pages."),
        code="no_matrix",
    )
