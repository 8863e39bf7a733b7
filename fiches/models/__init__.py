from .pages import FicheIndexPage, FichePage, FicheRelatedFiche
from .snippets import PorteurType
from .workflow import PorteurValidationTask, PorteurValidationTaskState

__all__ = [
    "FicheIndexPage",
    "FichePage",
    "FicheRelatedFiche",
    "PorteurType",
    "PorteurValidationTask",
    "PorteurValidationTaskState",
]
