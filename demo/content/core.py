"""Core demo content: the centre's identity, taxonomies, territoires and presentation pages.

Drawn from the seed documents (RésO Villes' 2003 and 2008 programmes, the Pôle de ressources Val
d'Oise 2015 programme, Villes au Carré's 2007 activity report). Every step is idempotent.
"""

from pathlib import Path

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Site

from demo.home.models import HomePage
from resource_centre.compat import get_page_model
from resource_centre.models import CentreSettings, ContentPage, PublicVise, Thematique
from resource_centre.qpv import import_qpv
from resource_centre.territoires import load_france

THEMATIQUES = [
    "Emploi et développement économique",
    "Rénovation urbaine",
    "Habitat et peuplement",
    "Réussite éducative",
    "Santé",
    "Prévention de la délinquance",
    "Lutte contre les discriminations",
    "Participation des habitants",
    "Jeunesse",
    "Médiation sociale",
    "Observation et évaluation",
    "Culture",
]

PUBLICS = [
    "Élus",
    "Professionnels de la politique de la ville",
    "Associations",
    "Habitants",
    "Services de l'État",
    "Bailleurs sociaux",
]

# The tests' demo: the centre's régions (Bretagne, Pays de la Loire) and the départements of the
# other communes its content is tagged with (Sarcelles, Strasbourg); all of France (35,000
# communes) would slow down every test that starts from the demo. All régions and départements
# are loaded. The served demo (DEMO_ALL_TERRITOIRES in demo/settings.py) loads all of France:
# its visitors search Lyon, and the annuaire's structures in Lille or Tours count in their région.
DEMO_REGIONS = ["53", "52"]
DEMO_DEPARTEMENTS = ["95", "67"]
# Quartiers prioritaires named in the seed documents, in the format of the official list (see
# resource_centre/qpv.py); their codes are the demo's own, not the official ones.
QPV_FILE = Path(__file__).with_name("qpv.csv")

TEAM = [
    (
        "Brigitte Maltet",
        "Directrice, en charge de la coordination et du suivi de l'ensemble de "
        "l'activité de RésO Villes.",
    ),
    (
        "Gwénaëlle Hervé",
        "Assistante de direction : secrétariat, comptabilité, plannings et logistique.",
    ),
    (
        "Soazig Barré",
        "Responsable de la documentation, de l'information et des publications : veille "
        "documentaire, lettre de RésO Villes, site Internet, RésO flash, fiches expériences.",
    ),
    (
        "Muriel Noirot",
        "Chargée de mission : lien permanent avec les équipes territoriales, animation "
        "des Cooper'Villes, co-animation des réseaux.",
    ),
    (
        "Chafik Hbila",
        "Chargé de mission, doctorant en sociologie à l'université Rennes II : "
        "mobilisation des jeunes dans les quartiers prioritaires.",
    ),
]

CENTRES = [
    ("RésO Villes", "Bretagne et Pays de la Loire"),
    ("Pôle de ressources Ville et développement social", "Val d'Oise (Sarcelles)"),
    ("Villes au Carré", "Centre-Val de Loire et Poitou-Charentes"),
    ("Profession Banlieue", "Seine-Saint-Denis"),
    ("IREV", "Hauts-de-France"),
    ("CR•DSU", "Auvergne-Rhône-Alpes"),
    ("ORIV", "Grand Est"),
]


def _paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def load_taxonomies():
    for name in THEMATIQUES:
        Thematique.objects.get_or_create(name=name)
    for name in PUBLICS:
        PublicVise.objects.get_or_create(name=name)
    if getattr(settings, "DEMO_ALL_TERRITOIRES", False):
        load_france()
    else:
        load_france(DEMO_REGIONS, DEMO_DEPARTEMENTS)
    problems = import_qpv(QPV_FILE.read_bytes()).problems
    if problems:
        raise RuntimeError(problems)


def _create_root():
    """A tree root, for databases flushed after Wagtail's migrations created theirs."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant("fr"))
    page_model = get_page_model()
    return page_model.add_root(instance=page_model(title="Root", slug="root"))


def new_page(model, **fields):
    """An unsaved page of `model`, leaving out the fields of Wagtail's default base page
    (show_in_menus, seo_title, search_description) that a swapped base page model may lack."""
    names = {field.name for field in model._meta.get_fields()}
    return model(**{name: value for name, value in fields.items() if name in names})


def load_home():
    """Replace Wagtail's welcome page by the demo home page, once."""
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    if home is None:
        root = get_page_model().get_first_root_node() or _create_root()
        home = HomePage(
            title="RésO Villes, centre de ressources politique de la ville",
            slug="accueil",
            intro="Centre de ressources politique de la ville de Bretagne et Pays de la Loire : "
            "qualification des acteurs, ateliers, réseaux professionnels, fiches expériences "
            "et lettre mensuelle.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        if site:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "RésO Villes"
            site.hostname, site.port = "127.0.0.1", 8000
            site.save()
            if old_root.specific_class is get_page_model() and not old_root.get_children().exists():
                old_root.delete()
        else:
            Site.objects.create(
                hostname="127.0.0.1",
                port=8000,
                root_page=home,
                is_default_site=True,
                site_name="RésO Villes",
            )
    return home


def add_page(parent, slug, **fields):
    """Create a ContentPage under parent unless one with that slug exists."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = new_page(ContentPage, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_pages(home):
    add_page(
        home,
        "le-centre",
        title="Le centre de ressources",
        show_in_menus=True,
        search_description="Qui nous sommes, notre équipe et notre programme d'actions.",
        intro="RésO Villes informe et qualifie les acteurs de la politique de la ville de Bretagne "
        "et des Pays de la Loire : élus, professionnels, associations et services de l'État.",
        body=[
            ("heading", "Nos missions"),
            _paragraph(
                "Veille documentaire, service questions-réponses, lettre mensuelle, revue de "
                "presse, ateliers de qualification, réseaux professionnels et Cooper'Villes."
            ),
            ("heading", "L'équipe"),
            (
                "paragraph",
                "<ul>"
                + "".join(f"<li><b>{name}</b> : {role}</li>" for name, role in TEAM)
                + "</ul>",
            ),
            (
                "quote",
                {
                    "quote": "Rendre lisibles et accessibles les actions menées dans les "
                    "quartiers, pour que d'autres puissent s'en inspirer.",
                    "author": "Programme d'actions 2008",
                },
            ),
        ],
    )
    add_page(
        home,
        "reseau-des-centres",
        title="Le réseau des centres de ressources",
        show_in_menus=True,
        search_description="Les centres de ressources politique de la ville en France.",
        intro="Une vingtaine de centres de ressources politique de la ville travaillent en réseau, "
        "sur un principe de production collective.",
        body=[
            (
                "paragraph",
                "<ul>"
                + "".join(f"<li><b>{name}</b> — {area}</li>" for name, area in CENTRES)
                + "</ul>",
            )
        ],
    )


def load_settings(home):
    site = Site.objects.get(root_page=home)
    centre = CentreSettings.for_site(site)
    if not centre.name:
        centre.name = "RésO Villes"
        centre.baseline = "Centre de ressources politique de la ville Bretagne – Pays de la Loire"
        centre.address = "18 rue Paul Bellamy\n44000 Nantes"
        centre.phone = "02 40 58 02 03"
        centre.email = "contact@resovilles.example"
        centre.legal_notice = (
            "<p>Site édité par l'association RésO Villes. Directrice de la "
            "publication : Brigitte Maltet.</p>"
        )
        centre.rgpd_contact_name = "Gwénaëlle Hervé"
        centre.rgpd_contact_email = "donnees-personnelles@resovilles.example"
        centre.social_links = [
            ("link", {"network": "mastodon", "url": "https://mastodon.example/@resovilles"})
        ]
        centre.save()


def load():
    load_taxonomies()
    home = load_home()
    load_pages(home)
    load_settings(home)
    return home
