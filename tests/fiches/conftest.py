from .fixtures import (  # noqa: F401
    editor,
    make_fiche,
    porteur_workflow,
    submitted_fiche,
)
