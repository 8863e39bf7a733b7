"""How the suite's public pages sit inside the site's base layout (the host's, or the suite's own).

Every public template of the suite extends `base_template`, a two-line bridge made here from the
settings: it extends BASE_TEMPLATE and fills that layout's own blocks (their names in BASE_BLOCKS)
with the suite's, which carry names no host uses (`rc_title`, `rc_css`, `rc_content`, `rc_js`).
So the block names of a host's `base.html` are a setting, not a contract the host must rewrite.

Inside a host's layout the suite's content comes in its own `.rc-scope` container, with the parts
a host's layout lacks (LAYOUT_PARTS: messages, section menu, search box, legal-notice link).
A layout without a block for stylesheets or scripts still gets them, at the start and end of the
content; a host may instead place `{% resource_centre_assets %}` in its <head>.
"""

import functools
import re

from django.core.exceptions import ImproperlyConfigured
from django.template import Engine
from django.template.loader_tags import BlockNode, ExtendsNode

from . import conf

OWN_BASE = "resource_centre/base.html"
ROLES = ("title", "extra_css", "content", "extra_js")
PARTS = ("section_menu", "search", "messages", "legal_notice")
_BLOCK_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def blocks():
    """{role: the base layout's block name or None}, the configured names over the defaults."""
    names = {**conf.DEFAULTS["BASE_BLOCKS"], **conf.get("BASE_BLOCKS")}
    for role, name in names.items():
        if role not in ROLES:
            raise ImproperlyConfigured(f"RESOURCE_CENTRE['BASE_BLOCKS']: unknown role {role!r}")
        if name is not None and (not _BLOCK_NAME.match(name) or name.startswith("rc_")):
            raise ImproperlyConfigured(f"RESOURCE_CENTRE['BASE_BLOCKS']: bad block name {name!r}")
    if not names["content"]:
        raise ImproperlyConfigured("RESOURCE_CENTRE['BASE_BLOCKS']: 'content' is required")
    return names


def parts():
    """The parts the suite adds around its content: none in its own layout, which has them all."""
    wanted = conf.get("LAYOUT_PARTS")
    if wanted is None:
        wanted = () if conf.get("BASE_TEMPLATE") == OWN_BASE else PARTS
    unknown = set(wanted) - set(PARTS)
    if unknown:
        raise ImproperlyConfigured(f"RESOURCE_CENTRE['LAYOUT_PARTS']: unknown {sorted(unknown)}")
    return tuple(part for part in PARTS if part in wanted)


def base_template():
    """The bridge template every public template of the suite extends."""
    return _bridge(
        Engine.get_default(), conf.get("BASE_TEMPLATE"), tuple(blocks().items()), parts()
    )


@functools.lru_cache(maxsize=8)
def _bridge(engine, base, names, parts):
    names = dict(names)
    css = "{% resource_centre_assets %}{% block rc_css %}{% endblock %}"
    js = "{% block rc_js %}{% endblock %}"
    source = [f"{{% extends {base!r} %}}{{% load resource_centre_tags %}}"]
    if names["title"]:
        source.append(
            f"{{% block {names['title']} %}}{{% block rc_title %}}"
            "{{ page.seo_title|default:page.title }}{% endblock %}{% endblock %}"
        )
    if names["extra_css"]:
        source.append(
            f"{{% block {names['extra_css']} %}}{{{{ block.super }}}}{css}{{% endblock %}}"
        )
    if names["extra_js"]:
        source.append(f"{{% block {names['extra_js']} %}}{{{{ block.super }}}}{js}{{% endblock %}}")
    top = f'{{% resource_centre_layout_parts "top" "{",".join(parts)}" %}}'
    bottom = f'{{% resource_centre_layout_parts "bottom" "{",".join(parts)}" %}}'
    source.append(
        f"{{% block {names['content']} %}}{'' if names['extra_css'] else css}"
        f'<div class="rc-scope rc-page">{top}{{% block rc_content %}}{{% endblock %}}{bottom}</div>'
        f"{'' if names['extra_js'] else js}{{% endblock %}}"
    )
    return engine.from_string("".join(source))


def block_names(template_name):
    """Every block a layout defines, its parents' included, for the system check."""
    template = Engine.get_default().get_template(template_name)
    names, nodelist = set(), template.nodelist
    while nodelist is not None:
        names.update(node.name for node in nodelist.get_nodes_by_type(BlockNode))
        extends = nodelist.get_nodes_by_type(ExtendsNode)
        parent = extends[0].parent_name.var if extends else None
        nodelist = None
        if isinstance(parent, str):
            nodelist = Engine.get_default().get_template(parent).nodelist
    return names
