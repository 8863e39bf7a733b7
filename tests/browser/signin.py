"""Signing in to the Wagtail admin, as an editor does."""

import re

from playwright.sync_api import expect

PASSWORD = "motdepasse-long"


def sign_in(page, live_server, user, password=PASSWORD):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(user.username)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="S'identifier").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def sign_in_as_superuser(page, live_server, django_user_model):
    user = django_user_model.objects.create_superuser("editrice", "e@example.org", PASSWORD)
    sign_in(page, live_server, user)
    return user


def sign_in_as_editor(page, live_server, django_user_model, username="chargee"):
    """A member of the centre's team: the "Éditeurs" role, not a superuser."""
    from resource_centre.roles import ensure_editors_group

    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(ensure_editors_group())
    sign_in(page, live_server, user)
    return user
