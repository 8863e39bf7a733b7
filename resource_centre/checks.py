"""System checks: what a host's settings must change for the suite, said in French and English."""

import ipaddress

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.template import TemplateDoesNotExist, TemplateSyntaxError

from . import conf, language, layout


@register(Tags.templates)
def check_layout(app_configs=None, **kwargs):
    """The base layout exists and has the blocks the suite fills."""
    base = conf.get("BASE_TEMPLATE")
    try:
        names = layout.blocks()
        layout.parts()
        defined = layout.block_names(base)
    except ImproperlyConfigured as error:
        return [Error(str(error), id="resource_centre.E001")]
    except (TemplateDoesNotExist, TemplateSyntaxError) as error:
        return [
            Error(
                f"Gabarit de base introuvable ou invalide : {base!r} ({error}). / "
                f"The base layout {base!r} cannot be loaded.",
                hint="RESOURCE_CENTRE['BASE_TEMPLATE']",
                id="resource_centre.E002",
            )
        ]
    problems = []
    for role, name in names.items():
        if name and name not in defined:
            problems.append(
                (Error if role == "content" else Warning)(
                    f"Le gabarit {base!r} n'a pas de bloc « {name} » ({role}) : la suite ne peut "
                    f"y placer ce contenu. / The layout {base!r} has no block {name!r} ({role}).",
                    hint=(
                        "Nommez le bloc de votre gabarit dans RESOURCE_CENTRE['BASE_BLOCKS'], ou "
                        "None s'il n'existe pas. / Name your layout's block in "
                        f"RESOURCE_CENTRE['BASE_BLOCKS']['{role}'], or None if it has none."
                    ),
                    id="resource_centre.E003" if role == "content" else "resource_centre.W001",
                )
            )
    return problems


@register()
def check_languages(app_configs=None, **kwargs):
    """French pages need French among the site's languages; nothing else is asked of the host."""
    problems = []
    if "fr" not in {code.split("-")[0] for code, _name in settings.LANGUAGES}:
        problems.append(
            Warning(
                "Le français n'est pas dans LANGUAGES : les pages de la suite ne pourront être "
                "qu'en anglais. / French is not in LANGUAGES: the suite's pages can only be in "
                "English.",
                hint="LANGUAGES += [('fr', 'Français')]",
                id="resource_centre.W002",
            )
        )
    elif language.french_content_language() is None:
        problems.append(
            Warning(
                "Le français n'est pas une langue de contenu du site (WAGTAIL_CONTENT_LANGUAGES, "
                f"ou LANGUAGE_CODE « {settings.LANGUAGE_CODE} ») : aucune page ne peut être en "
                "français, et les pages de la suite seront dans la langue du site. / French is "
                "not a content language of the site (WAGTAIL_CONTENT_LANGUAGES, or LANGUAGE_CODE "
                f"{settings.LANGUAGE_CODE!r}): no page can be in French, and the suite's pages "
                "will be in the site's language.",
                hint=(
                    "Site en français : LANGUAGE_CODE = 'fr'. Site multilingue : "
                    "WAGTAIL_I18N_ENABLED = True et ('fr', 'Français') dans "
                    "WAGTAIL_CONTENT_LANGUAGES. / A French site: LANGUAGE_CODE = 'fr'. A "
                    "multilingual site: WAGTAIL_I18N_ENABLED = True and ('fr', 'Français') in "
                    "WAGTAIL_CONTENT_LANGUAGES."
                ),
                id="resource_centre.W003",
            )
        )
    return problems


@register(Tags.security)
def check_trusted_proxies(app_configs=None, **kwargs):
    errors = []
    for entry in conf.get("TRUSTED_PROXIES") or ():
        try:
            ipaddress.ip_network(entry, strict=False)
        except (TypeError, ValueError):
            errors.append(
                Error(
                    f"RESOURCE_CENTRE['TRUSTED_PROXIES'] contient {entry!r}, qui n'est ni une "
                    "adresse IP ni un réseau. / RESOURCE_CENTRE['TRUSTED_PROXIES'] holds "
                    f"{entry!r}, which is not an IP address or network.",
                    hint='Write addresses or networks, e.g. ["127.0.0.1", "10.0.0.0/8"].',
                    id="resource_centre.E004",
                )
            )
    return errors


@register()
def check_admin_date_formats(app_configs=None, **kwargs):
    from .admin_dates import FRENCH_FORMATS

    missing = [name for name in FRENCH_FORMATS if not hasattr(settings, name)]
    if not missing:
        return []
    lines = "; ".join(f'{name} = "{value}"' for name, value in FRENCH_FORMATS.items())
    return [
        Warning(
            "Les dates de l'admin se saisissent en AAAA-MM-JJ : définissez "
            f"{', '.join(missing)} pour le format français. / Admin dates are typed as "
            f"YYYY-MM-DD: set {', '.join(missing)} for the French format.",
            hint=lines,
            id="resource_centre.W004",
        )
    ]
