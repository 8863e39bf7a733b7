"""Fixtures of the fiches tests (shared with tests/browser/test_fiches_browser.py)."""

import pytest


@pytest.fixture
def make_fiche(fiches_site):
    from fiches.models import FichePage

    def make(title="Une action", publish=True, parent=None, **fields):
        m2m = {
            key: fields.pop(key)
            for key in ("territoires", "thematiques", "publics")
            if key in fields
        }
        fiche = FichePage(title=title, **fields)
        for key, value in m2m.items():
            setattr(fiche, key, value)
        (parent or fiches_site).add_child(instance=fiche)
        revision = fiche.save_revision()
        if publish:
            revision.publish()
        else:
            fiche.live = False
            fiche.save(update_fields=["live"])
        fiche.refresh_from_db()
        return fiche

    return make


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "documentaliste", "documentaliste@resovilles.example", "motdepasse-long"
    )


@pytest.fixture
def porteur_workflow(fiches_site):
    """A workflow made of the porteur's validation only, assigned to the fiches index."""
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from fiches.models import PorteurValidationTask

    workflow = Workflow.objects.create(name="Validation des fiches")
    task = PorteurValidationTask.objects.create(name="Validation par le porteur de projet")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # Replaces the demo's workflow (porteur, then moderators) on the index.
    WorkflowPage.objects.update_or_create(page=fiches_site, defaults={"workflow": workflow})
    return workflow


@pytest.fixture
def submitted_fiche(make_fiche, porteur_workflow, editor):
    """A draft fiche with a porteur contact, submitted to the workflow by the editor."""

    def submit(**fields):
        fields = {
            "title": "Jardin partagé de Kervénanec",
            "chapo": "Des habitants cultivent ensemble un terrain en pied d'immeuble.",
            "porteur_name": "Centre social de Kervénanec",
            "contact_name": "Awa Diallo",
            "contact_email": "awa.diallo@example.org",
            "objectifs": "<p>Créer du lien entre voisins.</p>",
            **fields,
        }
        fiche = make_fiche(publish=False, owner=editor, **fields)
        porteur_workflow.start(fiche, editor)
        fiche.refresh_from_db()
        return fiche

    return submit
