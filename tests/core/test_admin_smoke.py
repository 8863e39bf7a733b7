"""Every admin page that takes no argument opens for a superuser on the demo site: never a 500."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Wagtail's deliberate error page, views that act on GET or wait for a form's data (tested where
# they live).
SKIP = (
    "logout",
    "/failwhale/",
    "/jsi18n/",
    "account/",
    "password_reset",
    "/preview",
    "/chooser/",
    "/autocomplete",
)


def _admin_paths(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _admin_paths(pattern, route)
        elif isinstance(pattern, URLPattern) and "<" not in route and "(?P" not in route:
            yield "/" + route.lstrip("^").rstrip("$").replace("\\", "")


def admin_paths():
    paths = {p for p in _admin_paths(get_resolver()) if p.startswith("/admin/")}
    return sorted(p for p in paths if not any(s in p for s in SKIP) and "^" not in p)


@pytest.mark.django_db
def test_every_argument_less_admin_page_opens(demo_site, admin_client):
    failures = []
    paths = admin_paths()
    assert len(paths) > 50, paths  # the suite's snippets, modeladmin and custom views are there
    for path in paths:
        try:
            status = admin_client.get(path).status_code
        except Exception as error:  # the test client re-raises what would have been a 500
            status = f"{type(error).__name__}: {error}"
        if not isinstance(status, int) or status >= 500:
            failures.append((path, status))
    assert not failures, failures


@pytest.mark.django_db
def test_the_editor_and_history_of_every_page_type_and_snippet_open(demo_site, admin_client):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.snippets.models import get_snippet_models

    from resource_centre.compat import get_page_model

    failures = []
    one_page_per_type = {}
    for page in get_page_model().objects.filter(depth__gt=1).order_by("path"):
        one_page_per_type.setdefault(page.content_type_id, page)
    assert len(one_page_per_type) >= 8  # home, content, and the feature apps' page types
    urls = [
        f"/admin/pages/{page.pk}/{view}/"
        for page in one_page_per_type.values()
        for view in ("edit", "history", "workflow_history")
    ] + [f"/admin/pages/{page.pk}/" for page in one_page_per_type.values()]
    for model in get_snippet_models():
        instance = model._default_manager.first()
        if instance is not None:
            meta = ContentType.objects.get_for_model(model)
            urls.append(f"/admin/snippets/{meta.app_label}/{meta.model}/edit/{instance.pk}/")
    for url in urls:
        try:
            status = admin_client.get(url).status_code
        except Exception as error:
            status = f"{type(error).__name__}: {error}"
        if not isinstance(status, int) or status >= 400:
            failures.append((url, status))
    assert not failures, failures
