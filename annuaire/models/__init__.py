from .directory import Address, Membership, Person, Structure
from .history import RemovedEntry
from .imports import ImportJob
from .lists import Metier, Reseau, StructureType
from .pages import AnnuaireIndexPage
from .proposals import ChangeRequest

__all__ = [
    "Address",
    "AnnuaireIndexPage",
    "ChangeRequest",
    "ImportJob",
    "Membership",
    "Metier",
    "Person",
    "RemovedEntry",
    "Reseau",
    "Structure",
    "StructureType",
]
