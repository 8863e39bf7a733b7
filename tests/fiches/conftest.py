from .fixtures import (  # noqa: F401
    editor,
    fiches_site,
    make_fiche,
    porteur_workflow,
    submitted_fiche,
)
