from .bilan import Bilan
from .generations import Generation
from .mail import OutgoingEmail
from .pages import ContentPage
from .settings import CentreSettings
from .taxonomies import PublicVise, Territoire, Thematique

__all__ = [
    "Bilan",
    "CentreSettings",
    "ContentPage",
    "Generation",
    "OutgoingEmail",
    "PublicVise",
    "Territoire",
    "Thematique",
]
