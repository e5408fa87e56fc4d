"""Models of the risk register: the matrix (data), the register, treatment, acceptance and review."""

from .matrix import Colour, ImpactLevel, LikelihoodLevel, MatrixCell, RiskLevel, RiskMatrix
from .register import Risk, RiskCategory, RiskEvent, Status, Treatment
from .treatment import AcceptanceStatus, ActionStatus, RiskAcceptance, RiskAction, RiskReview

__all__ = [
    "AcceptanceStatus",
    "ActionStatus",
    "Colour",
    "ImpactLevel",
    "LikelihoodLevel",
    "MatrixCell",
    "Risk",
    "RiskAcceptance",
    "RiskAction",
    "RiskCategory",
    "RiskEvent",
    "RiskLevel",
    "RiskMatrix",
    "RiskReview",
    "Status",
    "Treatment",
]
