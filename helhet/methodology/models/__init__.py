"""The methodology app's models: methods as data (``methods``) and a project on its method
(``projects``). Django finds an app's models here, so every model is named below."""

from helhet.methodology.models.methods import (
    RISK_VALIDATORS,
    Method,
    MethodVersion,
    Level,
    Phase,
    Decider,
    DECIDER_ROLES,
    DecisionPoint,
    Criterion,
    ChecklistSource,
    ChecklistItem,
    DocumentType,
    DocumentRequirement,
)
from helhet.methodology.models.projects import (
    ProjectMethod,
    CriterionAnswer,
    DecisionRequestStatus,
    DecisionRequest,
    DecisionOutcome,
    APPROVING_OUTCOMES,
    Decision,
)

__all__ = [
    "RISK_VALIDATORS",
    "Method",
    "MethodVersion",
    "Level",
    "Phase",
    "Decider",
    "DECIDER_ROLES",
    "DecisionPoint",
    "Criterion",
    "ChecklistSource",
    "ChecklistItem",
    "DocumentType",
    "DocumentRequirement",
    "ProjectMethod",
    "CriterionAnswer",
    "DecisionRequestStatus",
    "DecisionRequest",
    "DecisionOutcome",
    "APPROVING_OUTCOMES",
    "Decision",
]
