"""The "Éditeurs" role: what a centre's team needs to run the suite every day, without being
superusers. ``setup_resource_centre`` and the demo create or complete it; a centre may then add
or remove permissions in Wagtail's group settings (running the setup again only adds)."""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITORS = "Éditeurs"

# The core's part: the admin, the taxonomies, the centre's settings, images and documents.
EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "resource_centre.add_thematique",
    "resource_centre.change_thematique",
    "resource_centre.add_publicvise",
    "resource_centre.change_publicvise",
    "resource_centre.add_territoire",
    "resource_centre.change_territoire",
    "resource_centre.change_centresettings",
    "resource_centre.view_bilan",
]

# On the site's root pages: write and publish, as the centre's team does.
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# On the root collection: upload and choose images and documents.
COLLECTION_PERMISSIONS = [
    ("wagtail.images", "wagtailimages", "image"),
    ("wagtail.documents", "wagtaildocs", "document"),
]

FEATURE_APPS = ["fiches", "agenda", "annuaire", "newsletter"]


def editor_permission_names():
    """The core's permissions, then those each installed feature app lists in its ``setup``."""
    names = list(EDITOR_PERMISSIONS)
    for app in FEATURE_APPS:
        if apps.is_installed(app):
            names += getattr(import_module(f"{app}.setup"), "EDITOR_PERMISSIONS", [])
    return names


def _permissions(names):
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


def ensure_editors_group():
    """Create the "Éditeurs" group, or add what it lacks; returns it."""
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Site,
        get_default_page_content_type,
    )

    group, _created = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(*_permissions(editor_permission_names()))

    # Named after the base page model: "change_page", or "change_basepage" where a site swaps it.
    page_type = get_default_page_content_type()
    page_permissions = Permission.objects.filter(
        content_type=page_type,
        codename__in=[name.replace("_page", f"_{page_type.model}") for name in PAGE_PERMISSIONS],
    )
    root_pages = {site.root_page_id for site in Site.objects.all()}
    for page_id in root_pages:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page_id, permission=permission
            )

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app, app_label, model in COLLECTION_PERMISSIONS:
            if not apps.is_installed(app):
                continue
            names = [f"{app_label}.{action}_{model}" for action in ("add", "change", "choose")]
            for permission in _permissions(names):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    return group


# Wagtail's migrations create this workflow and its task with an English name, which the editor
# reads in "Soumettre à Moderators approval".
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
FRENCH_WORKFLOW = "Relecture des modérateurs"


def name_default_workflow_in_french():
    """Rename Wagtail's default workflow and task while they keep their English name (a name a
    site chose is left alone); returns how many were renamed."""
    from wagtail.models import Task, Workflow

    renamed = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(name=FRENCH_WORKFLOW)
    return renamed + Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(name=FRENCH_WORKFLOW)
