from .fixtures import (  # noqa: F401
    editor,
    fiches_site,
    make_fiche,
    porteur_workflow,
    smtp_server,
    submitted_fiche,
)
