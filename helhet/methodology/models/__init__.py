"""The methodology app's models: methods as data (``methods``) and a project on its method
(``projects``). Django finds an app's models here, so every model is named below."""

from helhet.methodology.models.methods import (
    DECIDER_ROLES,
    RISK_VALIDATORS,
    ChecklistItem,
    ChecklistSource,
    Criterion,
    Decider,
    DecisionPoint,
    DocumentRequirement,
    DocumentType,
    Level,
    Method,
    MethodVersion,
    Phase,
)
from helhet.methodology.models.projects import (
    APPROVING_OUTCOMES,
    CriterionAnswer,
    Decision,
    DecisionOutcome,
    DecisionRequest,
    DecisionRequestStatus,
    ProjectMethod,
)

__all__ = [
    "APPROVING_OUTCOMES",
    "DECIDER_ROLES",
    "RISK_VALIDATORS",
    "ChecklistItem",
    "ChecklistSource",
    "Criterion",
    "CriterionAnswer",
    "Decider",
    "Decision",
    "DecisionOutcome",
    "DecisionPoint",
    "DecisionRequest",
    "DecisionRequestStatus",
    "DocumentRequirement",
    "DocumentType",
    "Level",
    "Method",
    "MethodVersion",
    "Phase",
    "ProjectMethod",
]
