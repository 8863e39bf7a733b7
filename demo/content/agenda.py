"""Demo agenda: the ateliers, réseaux and Cooper'Villes of the seed documents.

From RésO Villes' 2008 programme (réseaux des adultes relais de Bretagne and of the chargés de
mission prévention et sécurité, Cooper'Villes ASV and médiateurs, ateliers observation/évaluation,
lutte contre les discriminations, projet urbain et social…) and the Pôle de ressources Val d'Oise
2015 formats (cycle de qualification, petit-déjeuner, samedi des élus, étude en débat…).
Séances are placed relative to today, so the agenda always has past and coming dates. Idempotent.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from agenda.models import AgendaIndexPage, EventFormat, EventPage, ReseauPage, Seance, Venue
from agenda.setup import setup
from demo.content import attendance, evaluations
from demo.content.core import new_page
from demo.home.models import HomePage
from resource_centre.models import PublicVise, Territoire, Thematique

VENUES = {
    "rennes": (
        "Maison de quartier du Blosne",
        "7 boulevard de Yougoslavie",
        "35200",
        "Rennes",
        48.0863,
        -1.6596,
        "Plain-pied, boucle magnétique, métro Triangle.",
    ),
    "nantes": (
        "RésO Villes, salle de réunion",
        "18 rue Paul Bellamy",
        "44000",
        "Nantes",
        47.2205,
        -1.5555,
        "Ascenseur ; tramway ligne 2, arrêt 50 Otages.",
    ),
    "brest": (
        "Maison de quartier de Bellevue",
        "1 rue Pierre Trépos",
        "29200",
        "Brest",
        None,
        None,
        "Accès de plain-pied.",
    ),
    "lorient": (
        "Centre social de Kervénanec",
        "Place Jean Moulin",
        "56100",
        "Lorient",
        None,
        None,
        "",
    ),
    "quimper": (
        "Salle du Chapeau Rouge",
        "4 rue du Chapeau Rouge",
        "29000",
        "Quimper",
        None,
        None,
        "Salle à l'étage, ascenseur.",
    ),
    "saint-brieuc": ("Espace Lamartine", "Rue de Gouët", "22000", "Saint-Brieuc", None, None, ""),
    "angers": (
        "Hôtel d'agglomération Angers Loire Métropole",
        "83 rue du Mail",
        "49000",
        "Angers",
        47.4710,
        -0.5470,
        "Accès de plain-pied par le parvis.",
    ),
    "sarcelles": (
        "Pôle de ressources Ville et développement social",
        "Immeuble Le Cristal",
        "95200",
        "Sarcelles",
        None,
        None,
        "RER D Garges-Sarcelles, ascenseur.",
    ),
    "cergy": (
        "Maison de quartier des Linandes",
        "Place des Linandes Beiges",
        "95000",
        "Cergy",
        None,
        None,
        "",
    ),
}

RESEAUX = [
    {
        "slug": "reseau-adultes-relais-bretagne",
        "title": "Réseau des adultes relais de Bretagne",
        "intro": "Les adultes relais de Bretagne se retrouvent tous les deux ou trois mois pour "
        "échanger sur leurs pratiques et leur place auprès des autres professionnels.",
        "description": "<p>Ce réseau s'est constitué à la suite d'une formation proposée par "
        "l'État et organisée par le CNFPT de Bretagne. Ses séances portent sur les missions des "
        "adultes relais et sur les parcours de formation en VAE, avec l'AFPA, la DDTEFP et le "
        "GREF Bretagne.</p>",
        "run_by": "RésO Villes (Muriel Noirot, chargée de mission)",
        "audience": "Adultes relais de Bretagne et leurs employeurs",
        "how_to_join": "<p>Écrivez à RésO Villes : nous vous inscrivons à la liste du réseau et "
        "vous recevez l'invitation à chaque séance.</p>",
    },
    {
        "slug": "reseau-prevention-securite",
        "title": "Réseau des chargés de mission prévention et sécurité",
        "intro": "Les coordonnateurs de CLSPD et chargés de mission prévention de la délinquance "
        "de Bretagne et Pays de la Loire.",
        "description": "<p>Le réseau approfondit la loi du 5 mars 2007 relative à la prévention "
        "de la délinquance, la place de la justice dans le CLSPD, les observatoires locaux et "
        "les liens entre prévention et politique jeunesse.</p>",
        "run_by": "RésO Villes",
        "audience": "Coordonnateurs CLSPD, chargés de mission prévention et sécurité",
        "how_to_join": "<p>Le réseau est ouvert à tout professionnel en poste : contactez "
        "l'équipe de RésO Villes.</p>",
    },
]

# (slug, title, format, chapô, thématiques, publics, territoire codes, réseau slug,
#  [(day offset, start, end, venue, status, séance title)], animateurs, intervenants)
EVENTS = [
    (
        "atelier-projet-urbain-et-social",
        "Les conditions de réussite du projet urbain et social",
        "Atelier",
        "Un atelier d'un an, une séance tous les deux mois dans une ville différente : "
        "la ville accueillante témoigne de son organisation (relogement, clauses d'insertion, "
        "résidentialisation…).",
        ["Rénovation urbaine", "Habitat et peuplement"],
        ["Professionnels de la politique de la ville", "Bailleurs sociaux"],
        ["53"],
        None,
        [
            (-120, "09:30", "16:30", "brest", "planned", "Le relogement"),
            (-60, "09:30", "16:30", "lorient", "planned", "Les clauses d'insertion"),
            (8, "09:30", "16:30", "quimper", "full", "La résidentialisation"),
            (68, "09:30", "16:30", "rennes", "planned", "La gestion urbaine de proximité"),
            (128, "09:30", "16:30", "saint-brieuc", "planned", "Synthèse des travaux"),
        ],
        "CERUR\nRésO Villes",
        "Renaud Epstein, sociologue",
    ),
    (
        "atelier-evaluation",
        "Atelier observation et évaluation des CUCS",
        "Atelier",
        "Préparer les évaluations des contrats urbains de cohésion sociale : indicateurs communs, "
        "cahier des charges, fondamentaux de l'évaluation.",
        ["Observation et évaluation"],
        ["Professionnels de la politique de la ville"],
        ["53", "52"],
        None,
        [
            (-45, "09:30", "16:30", "nantes", "planned", "Indicateurs communs"),
            (15, "09:30", "16:30", "rennes", "planned", "Le cahier des charges"),
            (75, "09:30", "16:30", "nantes", "planned", ""),
        ],
        "Philippe Caffin\nRésO Villes",
        "",
    ),
    (
        "atelier-lutte-contre-les-discriminations",
        "Atelier intégration et lutte contre les discriminations",
        "Atelier",
        "La place de l'intégration et de la lutte contre les "
        "discriminations dans les conventions cadres des CUCS de Bretagne et Pays de la Loire.",
        ["Lutte contre les discriminations"],
        ["Professionnels de la politique de la ville", "Services de l'État"],
        ["53", "52"],
        None,
        [
            (22, "14:00", "17:00", "rennes", "planned", ""),
            (50, "14:00", "17:00", "nantes", "cancelled", ""),
        ],
        "Anne Morillon",
        "",
    ),
    (
        "reunion-adultes-relais",
        "Réunion du réseau des adultes relais : parcours VAE",
        "Réunion de réseau",
        "Travailler sur les parcours individuels de formation en VAE, avec "
        "l'AFPA, la DDTEFP et le GREF Bretagne.",
        ["Médiation sociale", "Emploi et développement économique"],
        ["Professionnels de la politique de la ville"],
        ["35"],
        "reseau-adultes-relais-bretagne",
        [
            (-75, "09:30", "12:30", "rennes", "planned", ""),
            (12, "09:30", "12:30", "rennes", "full", ""),
            (90, "09:30", "12:30", "brest", "planned", ""),
        ],
        "Muriel Noirot",
        "AFPA Bretagne\nGREF Bretagne",
    ),
    (
        "reunion-prevention-securite",
        "Réseau prévention et sécurité : jeunesse et prévention",
        "Réunion de réseau",
        "Comment la politique de prévention de la délinquance interpelle la "
        "politique jeunesse : la jeunesse comme ressource, et non comme problème.",
        ["Prévention de la délinquance", "Jeunesse"],
        ["Professionnels de la politique de la ville"],
        ["52", "53"],
        "reseau-prevention-securite",
        [
            (-30, "14:00", "17:00", "nantes", "planned", "La place de la justice dans le CLSPD"),
            (40, "14:00", "17:00", "angers", "postponed", "Vidéoprotection : retours d'expérience"),
        ],
        "RésO Villes",
        "",
    ),
    (
        "cooper-villes-asv",
        "Cooper'Villes Ateliers Santé Ville",
        "Cooper'Villes",
        "Échanger sur la mise en place des ateliers santé ville dans nos deux régions, avec "
        "l'accompagnement de l'institut Renaudot.",
        ["Santé"],
        ["Professionnels de la politique de la ville"],
        ["53", "52"],
        None,
        [
            (-20, "09:30", "16:00", "nantes", "planned", ""),
            (30, "09:30", "16:00", "rennes", "planned", ""),
        ],
        "RésO Villes",
        "Institut Renaudot",
    ),
    (
        "cooper-villes-mediateurs",
        "Cooper'Villes des médiateurs",
        "Cooper'Villes",
        "Limites et difficultés rencontrées par les médiateurs, stratégies de re-médiation, "
        "professionnalisation du métier.",
        ["Médiation sociale"],
        ["Associations", "Professionnels de la politique de la ville"],
        ["35"],
        None,
        [(5, "14:00", "17:00", "rennes", "full", "")],
        "Muriel Noirot",
        "DDTEFP\nAFPA",
    ),
    (
        "cycle-discrimination",
        "Discrimination : des fondements à l'action",
        "Cycle de qualification",
        "Deux jours pour se forger une culture du sujet, croiser les "
        "approches et se doter de repères pour agir.",
        ["Lutte contre les discriminations"],
        ["Professionnels de la politique de la ville", "Élus"],
        ["95"],
        None,
        [
            (35, "09:00", "17:00", "sarcelles", "planned", "Jour 1 : les fondements"),
            (36, "09:00", "17:00", "sarcelles", "planned", "Jour 2 : agir"),
        ],
        "Pôle de ressources Val d'Oise",
        "",
    ),
    (
        "petit-dejeuner-monoparentalite",
        "Petit-déjeuner : la monoparentalité précaire",
        "Petit-déjeuner",
        "Une rencontre autour des travaux de chercheurs, confrontés aux analyses "
        "et pratiques des professionnels.",
        ["Habitat et peuplement"],
        ["Professionnels de la politique de la ville"],
        ["95"],
        None,
        [(18, "08:30", "10:30", "sarcelles", "planned", "")],
        "",
        "",
    ),
    (
        "samedi-des-elus-developpement-economique",
        "Samedi des élus : développement économique et cohésion territoriale",
        "Samedi des élus",
        "Un espace d'échanges entre élu(e)s du Val "
        "d'Oise, sur une thématique développée par un expert.",
        ["Emploi et développement économique"],
        ["Élus"],
        ["95"],
        None,
        [(47, "09:30", "12:30", "cergy", "planned", "")],
        "",
        "",
    ),
    (
        "etude-en-debat-parole-des-jeunes",
        "Étude en débat : la parole des jeunes",
        "Étude en débat",
        "Présentation et mise en débat d'une étude sur la parole des jeunes des "
        "quartiers prioritaires.",
        ["Jeunesse", "Participation des habitants"],
        ["Professionnels de la politique de la ville", "Associations"],
        ["95"],
        None,
        [(-10, "14:00", "17:00", "sarcelles", "planned", "")],
        "",
        "Chafik Hbila",
    ),
    (
        "rencontre-des-professionnels",
        "Rencontre des professionnels de la politique de la ville",
        "Rencontre",
        "Un temps de débat sur les actions de RésO Villes, un temps sur une question "
        "d'actualité : le devenir des contrats de ville.",
        ["Participation des habitants"],
        ["Professionnels de la politique de la ville"],
        ["53", "52"],
        None,
        [
            (-200, "09:30", "16:30", "nantes", "planned", ""),
            (-15, "09:30", "16:30", "angers", "planned", ""),
        ],
        "RésO Villes",
        "Ville et Développement",
    ),
    (
        "journee-projets-culturels",
        "Journée thématique : projets culturels dans les quartiers",
        "Journée thématique / séminaire",
        "Des experts apportent leur analyse ; le débat avec les participants se tient en ateliers.",
        ["Culture"],
        ["Élus", "Associations"],
        ["53"],
        None,
        [(55, "09:00", "17:00", "rennes", "planned", "")],
        "",
        "",
    ),
    (
        "formation-fondamentaux-evaluation",
        "Formation : les fondamentaux de l'évaluation",
        "Formation",
        "Deux jours pour revenir sur les fondamentaux de l'évaluation des politiques publiques.",
        ["Observation et évaluation"],
        ["Professionnels de la politique de la ville"],
        ["52"],
        None,
        [
            (-380, "09:00", "17:00", "nantes", "planned", "Jour 1"),
            (-379, "09:00", "17:00", "nantes", "planned", "Jour 2"),
        ],
        "Philippe Caffin",
        "",
    ),
    (
        "forum-europeen-des-ateliers",
        "Forum : les ateliers à la rencontre des villes européennes",
        "Forum",
        "La restitution des ateliers confrontée aux expériences d'autres villes de France "
        "et d'Europe : projets urbains et sociaux, développement économique, éducatif.",
        ["Rénovation urbaine", "Emploi et développement économique", "Réussite éducative"],
        ["Élus", "Professionnels de la politique de la ville"],
        ["53", "52"],
        None,
        [(150, "09:00", "17:30", "nantes", "planned", "")],
        "",
        "",
    ),
]


# Events taking registrations on the site, with their capacity (per séance for ateliers).
OPEN_FOR_REGISTRATION = {
    "cooper-villes-asv": 25,
    "cycle-discrimination": 30,
    "petit-dejeuner-monoparentalite": 40,
    "atelier-evaluation": 20,
    "samedi-des-elus-developpement-economique": 35,
}

# The other codes are départements (Mayenne is 53 too, hence the explicit list).
REGIONS = {"52", "53"}


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def load_formats():
    setup()  # the standard formats, as setup_resource_centre creates them


def load_venues():
    venues = {}
    for key, (name, address, postcode, city, lat, lon, access) in VENUES.items():
        venues[key], _created = Venue.objects.get_or_create(
            name=name,
            city=city,
            defaults={
                "address": address,
                "postcode": postcode,
                "latitude": lat,
                "longitude": lon,
                "accessibility": access,
            },
        )
    return venues


def load_index(home):
    index = AgendaIndexPage.objects.child_of(home).first()
    if index:
        return index
    index = new_page(
        AgendaIndexPage,
        title="Agenda",
        slug="agenda",
        show_in_menus=True,
        intro="Ateliers, réseaux, Cooper'Villes, journées thématiques et formations : les "
        "prochains rendez-vous des acteurs de la politique de la ville.",
        search_description="Les prochains ateliers, réseaux et rencontres du centre de ressources.",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _publish(index, page):
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_reseaux(index):
    reseaux = {}
    for data in RESEAUX:
        page = ReseauPage.objects.child_of(index).filter(slug=data["slug"]).first()
        reseaux[data["slug"]] = page or _publish(
            index, new_page(ReseauPage, show_in_menus=False, **data)
        )
    return reseaux


def _compte_rendu():
    Document = get_document_model()
    title = "Compte rendu – Formation aux fondamentaux de l'évaluation"
    document = Document.objects.filter(title=title).first()
    if document is None:
        collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
        document = Document(title=title, collection=collection)
        document.file.save(
            "compte-rendu-evaluation.txt",
            ContentFile("Compte rendu de la formation aux fondamentaux de l'évaluation.".encode()),
        )
        document.save()
    return document


def _meeting_days(days, fmt):
    """The séances' dates moved to working days (the samedi des élus to Saturdays), shifting the
    whole event when that keeps consecutive days together."""

    def fits(day):
        return day.weekday() == 5 if fmt == "Samedi des élus" else day.weekday() < 5

    for shift in range(7):
        moved = [day + datetime.timedelta(days=shift) for day in days]
        if all(fits(day) for day in moved):
            return moved
    return [
        next(d for d in (day + datetime.timedelta(days=n) for n in range(7)) if fits(d))
        for day in days
    ]


def load_events(index, venues, reseaux):
    today = timezone.localdate()
    formats = {f.name: f for f in EventFormat.objects.all()}
    thematiques = {t.name: t for t in Thematique.objects.all()}
    publics = {p.name: p for p in PublicVise.objects.all()}
    for (
        slug,
        title,
        fmt,
        chapo,
        themes,
        audiences,
        codes,
        reseau,
        seances,
        animateurs,
        intervenants,
    ) in EVENTS:
        if EventPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        event = EventPage(
            slug=slug,
            title=title,
            format=formats[fmt],
            chapo=chapo,
            reseau=reseaux.get(reseau),
            animateurs=animateurs,
            intervenants=intervenants,
            partners="ACSE\nRégion Bretagne" if "atelier" in slug else "",
            registration_info="Inscription gratuite et obligatoire auprès de RésO Villes.",
        )
        if slug in OPEN_FOR_REGISTRATION:
            event.registration_enabled = True
            event.capacity = OPEN_FOR_REGISTRATION[slug]
            event.registration_per_seance = slug.startswith("atelier")
            event.ask_territoire = True
        if slug == "formation-fondamentaux-evaluation":
            event.compte_rendu = _compte_rendu()
        event.thematiques = [thematiques[name] for name in themes]
        event.publics = [publics[name] for name in audiences]
        event.territoires = [
            Territoire.objects.get(kind="region" if code in REGIONS else "departement", code=code)
            for code in codes
        ]
        dates = _meeting_days(
            [today + datetime.timedelta(days=seance[0]) for seance in seances], fmt
        )
        event.seances = [
            Seance(
                date=date,
                start_time=_time(start),
                end_time=_time(end),
                venue=venues[venue],
                status=status,
                new_date=_meeting_days([date + datetime.timedelta(days=21)], fmt)[0]
                if status == "postponed"
                else None,
                title=seance_title,
                sort_order=order,
            )
            for order, (date, (_offset, start, end, venue, status, seance_title)) in enumerate(
                zip(dates, seances, strict=True)
            )
        ]
        _publish(index, event)


def load():
    home = HomePage.objects.get()
    load_formats()
    venues = load_venues()
    index = load_index(home)
    reseaux = load_reseaux(index)
    load_events(index, venues, reseaux)
    attendance.load(index)  # the past séances' sign-in sheets, read by the bilan d'activité
    evaluations.load(index)  # and the fiches d'évaluation they handed in
