"""Demo annuaire drawn from the seed documents: the centres de ressources and their teams, and the
partners they name. Some people gave their consent to publish their own contact, others did not.
Idempotent: entries are matched by name.
"""

import datetime

from annuaire.models import (
    Address,
    AnnuaireIndexPage,
    Membership,
    Metier,
    Person,
    Reseau,
    Structure,
    StructureType,
)
from demo.content.core import new_page
from demo.home.models import HomePage
from resource_centre.models import Territoire, Thematique

TYPES = [
    "Centre de ressources",
    "Collectivité",
    "EPCI",
    "Association",
    "Service de l'État",
    "Établissement public",
    "Bailleur social",
    "Centre social",
    "MJC",
    "Organisme de formation",
    "Fédération",
]

METIERS = [
    "Chef de projet politique de la ville",
    "Coordonnateur PRE",
    "Référent de parcours",
    "Adulte relais",
    "Médiateur",
    "Chargé de mission prévention de la délinquance",
    "Coordonnateur ASV/CLS",
    "Élu",
    "Directeur de centre de ressources",
    "Chargé de mission",
    "Documentaliste",
    "Assistant de direction",
]

RESEAUX = [
    "Réseau des adultes relais",
    "Réseau des chargés de mission prévention",
    "Réseau des chefs de projet",
    "Réseau national des centres de ressources",
]

# name, sigle, type, (street, postcode, city), e-mail, phone, website, territoires (kind, code),
# thématiques, réseaux, SIRET
STRUCTURES = [
    (
        "RésO Villes",
        "",
        "Centre de ressources",
        ("18 rue Paul Bellamy", "44000", "Nantes"),
        "contact@resovilles.example",
        "02 40 58 02 03",
        "https://www.resovilles.example",
        [("region", "53"), ("region", "52")],
        ["Participation des habitants", "Jeunesse", "Observation et évaluation"],
        ["Réseau national des centres de ressources"],
        "",
    ),
    (
        "Pôle de ressources Ville et développement social",
        "Pôle de ressources 95",
        "Centre de ressources",
        ("8 place de France", "95200", "Sarcelles"),
        "poleressources.95@pole95.example",
        "01 34 04 12 12",
        "https://www.poleressources95.example",
        [("departement", "95")],
        ["Réussite éducative", "Habitat et peuplement", "Santé"],
        ["Réseau national des centres de ressources"],
        "",
    ),
    (
        "Villes au Carré",
        "(villes)²",
        "Centre de ressources",
        ("", "37000", "Tours"),
        "contact@villesaucarre.example",
        "",
        "https://www.villesaucarre.example",
        [("region", "24"), ("region", "75")],
        ["Observation et évaluation", "Rénovation urbaine"],
        ["Réseau national des centres de ressources"],
        "",
    ),
    (
        "Profession Banlieue",
        "",
        "Centre de ressources",
        ("", "93200", "Saint-Denis"),
        "contact@professionbanlieue.example",
        "",
        "",
        [("departement", "93")],
        ["Médiation sociale", "Lutte contre les discriminations"],
        ["Réseau national des centres de ressources"],
        "",
    ),
    (
        "Institut régional de la ville",
        "IREV",
        "Centre de ressources",
        ("", "59000", "Lille"),
        "contact@irev.example",
        "",
        "",
        [("region", "32")],
        ["Participation des habitants"],
        ["Réseau national des centres de ressources"],
        "",
    ),
    (
        "Centre de ressources et d'échanges pour le développement social urbain",
        "CR•DSU",
        "Centre de ressources",
        ("", "69001", "Lyon"),
        "contact@crdsu.example",
        "",
        "",
        [("region", "84")],
        ["Emploi et développement économique"],
        ["Réseau national des centres de ressources"],
        "",
    ),
    (
        "Observatoire régional de l'intégration et de la ville",
        "ORIV",
        "Centre de ressources",
        ("", "67000", "Strasbourg"),
        "contact@oriv.example",
        "",
        "",
        [("region", "44")],
        ["Lutte contre les discriminations"],
        ["Réseau national des centres de ressources"],
        "",
    ),
    (
        "Centre national de la fonction publique territoriale",
        "CNFPT",
        "Organisme de formation",
        ("", "35000", "Rennes"),
        "formation.bretagne@cnfpt.example",
        "",
        "https://www.cnfpt.example",
        [("region", "53")],
        ["Observation et évaluation"],
        [],
        "",
    ),
    (
        "Association nationale pour la formation professionnelle des adultes",
        "AFPA",
        "Organisme de formation",
        ("", "44000", "Nantes"),
        "contact@afpa.example",
        "",
        "",
        [("region", "52")],
        ["Emploi et développement économique"],
        [],
        "",
    ),
    (
        "Direction départementale du travail, de l'emploi et de la formation professionnelle",
        "DDTEFP",
        "Service de l'État",
        ("", "35000", "Rennes"),
        "ddtefp35@travail.example",
        "",
        "",
        [("departement", "35")],
        ["Emploi et développement économique"],
        [],
        "",
    ),
    (
        "Agence nationale pour la cohésion sociale et l'égalité des chances",
        "ACSE",
        "Établissement public",
        ("", "35000", "Rennes"),
        "bretagne@acse.example",
        "",
        "",
        [("region", "53"), ("region", "52")],
        ["Lutte contre les discriminations", "Réussite éducative"],
        [],
        "",
    ),
    (
        "Union sociale pour l'habitat Centre",
        "USH",
        "Bailleur social",
        ("", "45000", "Orléans"),
        "centre@ush.example",
        "",
        "",
        [("region", "24")],
        ["Habitat et peuplement", "Rénovation urbaine"],
        [],
        "",
    ),
    (
        "Caisse des Dépôts, direction régionale Bretagne",
        "CDC",
        "Établissement public",
        ("", "35000", "Rennes"),
        "bretagne@caissedesdepots.example",
        "",
        "",
        [("region", "53")],
        ["Rénovation urbaine", "Emploi et développement économique"],
        [],
        "",
    ),
    (
        "Fédération des centres sociaux du Val d'Oise",
        "",
        "Fédération",
        ("", "95000", "Cergy"),
        "federation@centres-sociaux-95.example",
        "",
        "",
        [("departement", "95")],
        ["Participation des habitants", "Jeunesse"],
        [],
        "",
    ),
    (
        "Fédération des MJC du Val d'Oise",
        "",
        "Fédération",
        ("", "95100", "Argenteuil"),
        "contact@mjc95.example",
        "",
        "",
        [("departement", "95")],
        ["Jeunesse", "Culture"],
        [],
        "",
    ),
    (
        "Ville de Rennes, mission politique de la ville",
        "",
        "Collectivité",
        ("Hôtel de ville", "35000", "Rennes"),
        "politique-ville@rennes.example",
        "02 23 62 10 10",
        "",
        [("commune", "35238")],
        ["Participation des habitants", "Réussite éducative", "Prévention de la délinquance"],
        ["Réseau des chefs de projet"],
        "",
    ),
    (
        "Ville de Lorient, direction de la cohésion sociale",
        "",
        "Collectivité",
        ("", "56100", "Lorient"),
        "cohesion-sociale@lorient.example",
        "",
        "",
        [("commune", "56121")],
        ["Participation des habitants", "Santé"],
        ["Réseau des chefs de projet", "Réseau des adultes relais"],
        "",
    ),
    (
        "Brest Métropole, mission contrat de ville",
        "",
        "EPCI",
        ("", "29200", "Brest"),
        "contrat-de-ville@brest-metropole.example",
        "",
        "",
        [("epci", "242900314")],
        ["Prévention de la délinquance", "Médiation sociale"],
        ["Réseau des chargés de mission prévention"],
        "",
    ),
    (
        "Ville de Sarcelles, service politique de la ville",
        "",
        "Collectivité",
        ("", "95200", "Sarcelles"),
        "politique-ville@sarcelles.example",
        "",
        "",
        [("commune", "95585")],
        ["Réussite éducative", "Santé"],
        [],
        "",
    ),
    (
        "Centre social de Maurepas",
        "",
        "Centre social",
        ("", "35700", "Rennes"),
        "accueil@cs-maurepas.example",
        "",
        "",
        [("qpv", "Maurepas")],
        ["Participation des habitants", "Jeunesse"],
        ["Réseau des adultes relais"],
        "",
    ),
]

# first name, last name, structure, métier, fonction, consent (source) or None, personal e-mail,
# territoires, thématiques, réseaux
PEOPLE = [
    (
        "Brigitte",
        "Maltet",
        "RésO Villes",
        "Directeur de centre de ressources",
        "Directrice, coordination et suivi de l'ensemble de l'activité",
        "Formulaire de consentement signé",
        "b.maltet@resovilles.example",
        ["Réseau national des centres de ressources"],
    ),
    (
        "Gwénaëlle",
        "Hervé",
        "RésO Villes",
        "Assistant de direction",
        "Assistante de direction : secrétariat, comptabilité, plannings et logistique",
        None,
        "g.herve@resovilles.example",
        [],
    ),
    (
        "Soazig",
        "Barré",
        "RésO Villes",
        "Documentaliste",
        "Responsable de la documentation, de l'information et des publications",
        "Courriel d'accord",
        "s.barre@resovilles.example",
        [],
    ),
    (
        "Muriel",
        "Noirot",
        "RésO Villes",
        "Chargé de mission",
        "Chargée de mission : lien avec les équipes territoriales, Cooper'Villes, réseaux",
        None,
        "m.noirot@resovilles.example",
        ["Réseau des adultes relais", "Réseau des chefs de projet"],
    ),
    (
        "Chafik",
        "Hbila",
        "RésO Villes",
        "Chargé de mission",
        "Chargé de mission, mobilisation des jeunes dans les quartiers prioritaires",
        None,
        "c.hbila@resovilles.example",
        [],
    ),
    (
        "Anne",
        "Fontaine",
        "Pôle de ressources Ville et développement social",
        "Directeur de centre de ressources",
        "Directrice",
        "Formulaire de consentement signé",
        "a.fontaine@pole95.example",
        ["Réseau national des centres de ressources"],
    ),
    (
        "Denis",
        "Tricoire",
        "Pôle de ressources Ville et développement social",
        "Chargé de mission",
        "Directeur adjoint",
        None,
        "d.tricoire@pole95.example",
        [],
    ),
    (
        "Sindy",
        "Quéré",
        "Pôle de ressources Ville et développement social",
        "Chargé de mission",
        "Chargée de mission",
        None,
        "s.quere@pole95.example",
        [],
    ),
    (
        "Cécile",
        "Dublanche",
        "Villes au Carré",
        "Directeur de centre de ressources",
        "Directrice",
        "Courriel d'accord",
        "c.dublanche@villesaucarre.example",
        ["Réseau national des centres de ressources"],
    ),
    (
        "Audrey",
        "Jeanbille",
        "Villes au Carré",
        "Chargé de mission",
        "Chargée de mission",
        None,
        "a.jeanbille@villesaucarre.example",
        [],
    ),
    (
        "Brigitte",
        "Jallet",
        "Union sociale pour l'habitat Centre",
        None,
        "Directrice USH Centre",
        None,
        "",
        [],
    ),
    (
        "Alain",
        "Baudin",
        "Villes au Carré",
        "Élu",
        "Maire de Niort, vice-président de Villes au Carré",
        None,
        "",
        [],
    ),
]

DEMO_DATE = datetime.date(2025, 9, 15)

# Approximate centres of the cities, for the map.
COORDINATES = {
    "Nantes": (47.2184, -1.5536),
    "Sarcelles": (48.9973, 2.3797),
    "Tours": (47.3941, 0.6848),
    "Saint-Denis": (48.9362, 2.3574),
    "Lille": (50.6292, 3.0573),
    "Lyon": (45.7640, 4.8357),
    "Strasbourg": (48.5734, 7.7521),
    "Rennes": (48.1173, -1.6778),
    "Orléans": (47.9029, 1.9093),
    "Cergy": (49.0364, 2.0761),
    "Argenteuil": (48.9472, 2.2467),
    "Lorient": (47.7486, -3.3667),
    "Brest": (48.3904, -4.4861),
}


def _territoire(kind, code):
    if kind == "qpv":
        return Territoire.objects.filter(kind=kind, name=code).first()
    return Territoire.objects.filter(kind=kind, code=code).first()


def load_lists():
    for names, model in ((TYPES, StructureType), (METIERS, Metier), (RESEAUX, Reseau)):
        for name in names:
            model.objects.get_or_create(name=name)


def load_structures():
    for name, sigle, type_name, (
        street,
        postcode,
        city,
    ), email, phone, website, territoires, thematiques, reseaux, siret in STRUCTURES:
        if Structure.objects.filter(name=name).exists():
            continue
        structure = Structure.objects.create(
            name=name,
            sigle=sigle,
            type=StructureType.objects.get(name=type_name),
            email=email,
            phone=phone,
            website=website,
            siret=siret,
            verified_at=DEMO_DATE,
        )
        latitude, longitude = COORDINATES.get(city, (None, None))
        Address.objects.create(
            structure=structure,
            street=street,
            postcode=postcode,
            city=city,
            latitude=latitude,
            longitude=longitude,
        )
        structure.territoires.set([t for t in (_territoire(*k) for k in territoires) if t])
        structure.thematiques.set(Thematique.objects.filter(name__in=thematiques))
        structure.reseaux.set(Reseau.objects.filter(name__in=reseaux))
    # The Centre social de Maurepas is an antenne of nothing, but the Ville de Rennes' mission
    # has an antenne in Le Blosne.
    parent = Structure.objects.get(name="Ville de Rennes, mission politique de la ville")
    antenne, created = Structure.objects.get_or_create(
        name="Ville de Rennes, antenne du Blosne",
        defaults={"type": parent.type, "parent": parent, "email": "blosne@rennes.example"},
    )
    if created:
        Address.objects.create(structure=antenne, postcode="35200", city="Rennes")
        antenne.territoires.set([t for t in [_territoire("qpv", "Le Blosne")] if t])
        antenne.thematiques.set(Thematique.objects.filter(name="Participation des habitants"))


def load_people():
    for first, last, structure_name, metier, fonction, consent, email, reseaux in PEOPLE:
        if Person.objects.filter(first_name=first, last_name=last).exists():
            continue
        structure = Structure.objects.get(name=structure_name)
        person = Person.objects.create(
            first_name=first,
            last_name=last,
            metier=Metier.objects.filter(name=metier).first() if metier else None,
            fonction=fonction,
            email=email,
            phone="06 00 00 00 00" if consent else "",
            consent_at=DEMO_DATE if consent else None,
            consent_source=consent or "",
            verified_at=DEMO_DATE if consent else None,
        )
        Membership.objects.create(person=person, structure=structure)
        person.territoires.set(structure.territoires.all())
        person.thematiques.set(structure.thematiques.all()[:2])
        person.reseaux.set(Reseau.objects.filter(name__in=reseaux))


def load_page():
    home = HomePage.objects.get()
    if AnnuaireIndexPage.objects.exists():
        return AnnuaireIndexPage.objects.get()
    page = new_page(
        AnnuaireIndexPage,
        title="Annuaire des acteurs",
        slug="annuaire",
        show_in_menus=True,
        search_description="Structures et professionnels de la politique de la ville.",
        intro="Trouvez les structures et les professionnels de la politique de la ville : "
        "centres de ressources, collectivités, services de l'État, associations, par territoire, "
        "thématique, métier ou réseau.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def load():
    load_lists()
    load_structures()
    load_people()
    return load_page()
