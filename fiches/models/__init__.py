from .pages import FicheIndexPage, FichePage, FicheRelatedEvent, FicheRelatedFiche
from .snippets import PorteurType
from .validations import PorteurValidation
from .workflow import PorteurValidationTask, PorteurValidationTaskState

__all__ = [
    "FicheIndexPage",
    "FichePage",
    "FicheRelatedEvent",
    "FicheRelatedFiche",
    "PorteurType",
    "PorteurValidation",
    "PorteurValidationTask",
    "PorteurValidationTaskState",
]
