"""Demo content of the newsletter: the monthly lettre and the revue de presse, with readers.

"Lettre n° 42 — mars 2008" is drawn from the news of RésO Villes' 2008 programme of actions (the
seed documents). The press articles are illustrative. Every step is idempotent.
"""

import datetime

from django.apps import apps
from django.utils import timezone

from demo.content.core import new_page
from demo.home.models import HomePage
from newsletter.automatic import fill_automatic_blocks
from newsletter.models import LettrePage, NewsletterIndexPage, Publication, Subscriber

PUBLICATIONS = [
    {
        "slug": "lettre-mensuelle",
        "name": "Lettre mensuelle de RésO Villes",
        "description": "Chaque mois : les travaux de RésO Villes, l'actualité des contrats de "
        "ville, les ressources du centre et le calendrier des rencontres.",
        "sender_name": "RésO Villes",
        "sender_email": "lettre@resovilles.example",
        "reply_to": "contact@resovilles.example",
    },
    {
        "slug": "revue-de-presse",
        "name": "Revue de presse",
        "description": "Deux fois par mois, les articles de la presse régionale et nationale sur "
        "la politique de la ville.",
        "sender_name": "RésO Villes — documentation",
        "sender_email": "documentation@resovilles.example",
        "reply_to": "documentation@resovilles.example",
    },
]

READERS = [
    ("Claire Le Goff", "Ville de Rennes", "Cheffe de projet contrat urbain de cohésion sociale"),
    ("Yann Kerhervé", "Lorient Agglomération", "Coordonnateur programme de réussite éducative"),
    ("Nadia Benali", "Association Les Amis du Blosne", "Adulte relais"),
    ("Thomas Guérin", "Préfecture d'Ille-et-Vilaine", "Délégué du préfet"),
    ("Awa Diallo", "Ville de Saint-Nazaire", "Chargée de mission prévention de la délinquance"),
    ("Jean-Marc Riou", "Nantes Métropole", "Chef de projet rénovation urbaine"),
    ("Sophie Morvan", "Ville de Brest", "Coordonnatrice atelier santé ville"),
    ("Karim Haddad", "Centre social de Kervénanec", "Directeur"),
    ("Hélène Pichon", "Conseil régional de Bretagne", "Chargée de mission politique de la ville"),
    ("Lucas Bernard", "Ville d'Angers", "Agent de développement"),
]

PRESS = [
    (
        "Le Blosne : la rénovation urbaine entre dans sa deuxième phase",
        "Ouest-France",
        "2008-03-04",
    ),
    (
        "Contrats urbains de cohésion sociale : quel avenir après 2009 ?",
        "La Gazette des communes",
        "2008-03-10",
    ),
    ("Les adultes relais vers la validation des acquis", "Le Télégramme", "2008-03-12"),
    ("Ateliers santé ville : la démarche s'étend en Bretagne", "Ouest-France", "2008-03-18"),
]


def _p(text):
    return f"<p>{text}</p>"


def lettre_42_body():
    body = [
        (
            "edito",
            {
                "title": "Édito",
                "text": _p(
                    "Le printemps 2008 s'ouvre sur un programme d'actions dense : nouveaux "
                    "réseaux, ateliers sur le projet urbain et l'emploi, refonte de notre site "
                    "Internet. Cette lettre en fait le point, avec les ressources parues "
                    "depuis janvier."
                ),
                "signature": "Brigitte Maltet, directrice",
            },
        ),
        (
            "headline",
            {
                "title": "Paru : les Actes de la journée « Nouvelle pauvreté : les travailleurs "
                "pauvres »",
                "text": _p(
                    "Le deuxième numéro des Actes des journées thématiques restitue la journée "
                    "du 3 juillet 2007 à Nantes. Entièrement réalisé en interne, il est "
                    "disponible au centre de ressources."
                ),
                "url": "https://resovilles.example/publications/actes-2",
                "link_text": "Commander les Actes",
            },
        ),
        (
            "article",
            {
                "title": "Les projets de réussite éducative en Bretagne et Pays de la Loire",
                "text": _p(
                    "Le dernier numéro des Rendez-vous de RésO Villes, paru en février 2008, "
                    "restitue le travail de l'atelier consacré aux projets de réussite "
                    "éducative de nos deux régions."
                ),
                "url": "https://resovilles.example/publications/rendez-vous-pre",
                "link_text": "Lire la synthèse",
            },
        ),
        (
            "briefs",
            {
                "heading": "Brèves",
                "items": [
                    {
                        "title": "Ateliers santé ville",
                        "text": _p(
                            "Une nouvelle rencontre s'est tenue le 10 janvier 2008, "
                            "accompagnée par l'institut Renaudot."
                        ),
                    },
                    {
                        "title": "Réseau des adultes relais de Bretagne",
                        "text": _p(
                            "Deux séances en 2008 sur les parcours de formation en VAE, avec "
                            "l'AFPA, la DDTEFP et le GREF Bretagne."
                        ),
                    },
                    {
                        "title": "Notre site Internet fait peau neuve",
                        "text": _p(
                            "3 400 consultations par mois : la refonte graphique et éditoriale "
                            "est engagée, avec un moteur de recherche et des espaces dédiés aux "
                            "ateliers et aux réseaux."
                        ),
                    },
                ],
            },
        ),
        (
            "press_review",
            {
                "heading": "Revue de presse",
                "items": [
                    {"title": t, "source": s, "date": d, "url": f"https://presse.example/{i}"}
                    for i, (t, s, d) in enumerate(PRESS[:2])
                ],
            },
        ),
    ]
    if apps.is_installed("agenda"):
        body.append(
            ("automatic", {"heading": "Prochains rendez-vous", "source": "events", "count": 5})
        )
    if apps.is_installed("fiches"):
        body.append(
            (
                "automatic",
                {"heading": "Dernières fiches expériences", "source": "fiches", "count": 3},
            )
        )
    body.append(("automatic", {"heading": "Dernières pages", "source": "pages", "count": 3}))
    return body


def load_publications():
    result = {}
    for data in PUBLICATIONS:
        publication, _created = Publication.objects.get_or_create(slug=data["slug"], defaults=data)
        result[data["slug"]] = publication
    return result


def load_archive(home, publications):
    archive = NewsletterIndexPage.objects.child_of(home).first()
    if archive is None:
        archive = new_page(
            NewsletterIndexPage,
            title="La lettre de RésO Villes",
            slug="lettre",
            show_in_menus=True,
            intro="Toutes les lettres mensuelles et revues de presse de RésO Villes, à lire en "
            "ligne ou à recevoir par e-mail.",
            search_description="Les lettres mensuelles et revues de presse parues.",
        )
        home.add_child(instance=archive)
        archive.save_revision().publish()
    return archive


def _add_lettre(archive, publication, slug, **fields):
    existing = LettrePage.objects.child_of(archive).filter(slug=slug).first()
    if existing:
        return existing
    lettre = new_page(LettrePage, slug=slug, publication=publication, **fields)
    archive.add_child(instance=lettre)
    # Filled as if sent today: its « Prochains rendez-vous » are the agenda's coming ones (as of
    # its 2008 date, every event of the demo was to come, past ones included).
    fill_automatic_blocks(lettre)
    lettre.save_revision().publish()
    return lettre


def load_lettres(archive, publications):
    _add_lettre(
        archive,
        publications["lettre-mensuelle"],
        "lettre-42-mars-2008",
        title="Lettre n° 42 — mars 2008",
        number=42,
        date=datetime.date(2008, 3, 1),
        preheader="Les Actes sur la nouvelle pauvreté, la réussite éducative, les brèves.",
        search_description="Lettre mensuelle de RésO Villes, mars 2008.",
        body=lettre_42_body(),
    )
    _add_lettre(
        archive,
        publications["revue-de-presse"],
        "revue-de-presse-12-mars-2008",
        title="Revue de presse n° 12 — mars 2008",
        number=12,
        date=datetime.date(2008, 3, 15),
        search_description="Revue de presse de RésO Villes, seconde quinzaine de mars 2008.",
        body=[
            (
                "press_review",
                {
                    "heading": "Dans la presse",
                    "items": [
                        {"title": t, "source": s, "date": d, "url": f"https://presse.example/{i}"}
                        for i, (t, s, d) in enumerate(PRESS)
                    ],
                },
            )
        ],
    )


def load_subscribers(publications):
    now = timezone.now()
    for index, (name, structure, fonction) in enumerate(READERS):
        email = f"lecteur{index + 1}@exemple.org"
        subscriber, created = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "structure": structure,
                "fonction": fonction,
                "status": Subscriber.Status.ACTIVE,
                "consent_at": now,
                "consent_source": "Démonstration",
                "consent_version": "demo",
            },
        )
        if created:
            subscriber.subscriptions.create(publication=publications["lettre-mensuelle"])
            if index % 3 == 0:
                subscriber.subscriptions.create(publication=publications["revue-de-presse"])


def load():
    home = HomePage.objects.get()
    publications = load_publications()
    archive = load_archive(home, publications)
    load_lettres(archive, publications)
    load_subscribers(publications)
