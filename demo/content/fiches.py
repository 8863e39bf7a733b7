"""Demo fiches expériences drawn from the seed documents (RésO Villes' "Des coopérations" page).

Idempotent: porteur types by name, the index and each fiche by slug.
"""

import datetime

from demo.content.core import new_page
from demo.home.models import HomePage
from fiches.models import (
    FicheIndexPage,
    FichePage,
    PorteurType,
    PorteurValidation,
    PorteurValidationTask,
)
from fiches.setup import setup
from resource_centre.models import PublicVise, Territoire, Thematique

FICHES = [
    {
        "slug": "formation-acteurs-habitants-lorient",
        "title": "Formation Acteurs Habitants à Lorient",
        "chapo": "Trois jours de formation pour des habitants membres de conseils citoyens, "
        "conçue par l'École du Renouvellement Urbain et déployée en Bretagne, région-test.",
        "porteur_name": "RésO Villes et l'École du Renouvellement Urbain",
        "porteur_type": "Centre de ressources",
        "start_date": datetime.date(2016, 6, 15),
        "end_date": datetime.date(2016, 6, 17),
        "territoires": [("commune", "56121"), ("qpv", "Kervénanec")],
        "thematiques": ["Participation des habitants", "Rénovation urbaine"],
        "publics": ["Habitants"],
        "contexte": "<p>Depuis 2011, plusieurs centaines d'habitants venant de toute la France ont "
        "suivi la formation Acteurs habitants à Aubervilliers. Dans le cadre de la mise en place "
        "des conseils citoyens, il a été décidé de déployer ce dispositif en région : la Bretagne "
        "fait office de région-test.</p>",
        "objectifs": "<ul><li>Conforter la posture des habitants acteurs dans leur quartier, "
        "notamment les membres des conseils citoyens ;</li><li>fournir les repères "
        "réglementaires et techniques permettant de questionner les projets de renouvellement "
        "urbain et de gestion urbaine de proximité ;</li><li>faciliter l'exercice du pouvoir "
        "d'agir des habitants par un apport de méthode et d'outils pour la « négociation "
        "active » et la coproduction des projets.</li></ul>",
        "deroulement": "<p>Formation « Exercer son pouvoir d'agir dans le cadre de la mise en "
        "place des conseils citoyens et des maisons du projet », à Lorient, les 15, 16 et 17 "
        "juin 2016. Elle a réuni une vingtaine d'habitants de Lorient, Rennes, Brest, Quimper, "
        "Saint-Brieuc, Saint-Malo, Vannes, Concarneau…</p>",
        "partenaires": "École du Renouvellement Urbain",
        "resultats": "<p>Un film a été réalisé pendant la formation.</p>",
        "validated_at": datetime.datetime(2016, 9, 5, 10, 0, tzinfo=datetime.UTC),
    },
    {
        "slug": "couts-evites-mediation-sociale",
        "title": "Mesurer les coûts évités par la médiation sociale",
        "chapo": "Profession Banlieue et LaFédé ont identifié le « retour social sur "
        "investissement » des associations de médiation sociale et culturelle.",
        "porteur_name": "Profession Banlieue et LaFédé",
        "porteur_type": "Association",
        "start_date": datetime.date(2015, 1, 1),
        "ongoing": True,
        "territoires": [("departement", "93")],
        "thematiques": ["Médiation sociale", "Observation et évaluation", "Santé"],
        "publics": ["Associations", "Professionnels de la politique de la ville"],
        "contexte": "<p>Les associations de médiation recueillent un certain nombre de données "
        "quantitatives (nombre de personnes reçues, nombre de permanences…), mais ont peu les "
        "moyens de les analyser pour en faire ressortir les effets de l'intervention sociale des "
        "médiatrices.</p>",
        "objectifs": "<p>Identifier le « retour social sur investissement » des actions de "
        "médiation dans le domaine de la santé et de l'éducation, en repérant les économies "
        "réalisées (gain de temps pour les partenaires, baisse des violences physiques…) et en "
        "leur attribuant une valeur monétaire.</p>",
        "deroulement": "<p>Un groupe de travail sur la mesure des coûts évités a été organisé en "
        "2015. Les résultats ont été présentés lors d'une journée à des professionnels des "
        "associations, des collectivités et de l'État. Les deux associations adaptent ensuite "
        "l'outil Médios, élaboré par France Médiation, à la médiation sociale et culturelle.</p>",
        "partenaires": "Fédération des associations de médiation sociale et culturelle "
        "d'Île-de-France (LaFédé)\nFrance Médiation",
        "resultats": "<p>Publication co-éditée : <i>Valoriser les interventions des médiateurs "
        "sociaux et culturels</i>. En 2017, formation des associations à l'utilisation de "
        "Médios.</p>",
        "conseils": "<p>Partir des données que les associations recueillent déjà.</p>",
    },
    {
        "slug": "reseaux-pluridisciplinaires-strasbourg",
        "title": "Réseaux pluridisciplinaires de prévention des ruptures à Strasbourg",
        "chapo": "Une démarche-action expérimentale sur deux quartiers strasbourgeois pour "
        "prévenir le risque de ruptures et de radicalisation.",
        "porteur_name": "ORIV et ESTES, avec la Ville de Strasbourg",
        "porteur_type": "Centre de ressources",
        "start_date": datetime.date(2016, 9, 1),
        "ongoing": True,
        "territoires": [("commune", "67482"), ("qpv", "Hautepierre")],
        "thematiques": ["Prévention de la délinquance", "Jeunesse"],
        "publics": ["Professionnels de la politique de la ville", "Services de l'État"],
        "contexte": "<p>L'Observatoire Régional de l'Intégration et de la Ville (ORIV) et "
        "l'École supérieure en travail éducatif et social de Strasbourg (ESTES) accompagnent, en "
        "lien avec la ville de Strasbourg, une démarche-action expérimentale.</p>",
        "objectifs": "<p>Mettre en place des réseaux pluridisciplinaires pour travailler "
        "collectivement sur les dynamiques territoriales, sous l'angle des risques de ruptures, "
        "qui peuvent renforcer les processus amenant à la radicalisation violente.</p>",
        "deroulement": "<p>Le travail s'appuie sur l'approche du Centre de prévention de la "
        "radicalisation menant à la violence de Montréal (CRPVM) : identifier sur un territoire, "
        "conçu comme un « terreau », les facteurs de protection et de vulnérabilité.</p>",
        "financeurs": "État (FIPD)\nVille de Strasbourg",
        "partenaires": "ESTES\nVille de Strasbourg",
        "conseils": "<p>La démarche, mise en place sur deux quartiers, a vocation à s'étendre au "
        "reste de la ville.</p>",
    },
    {
        "slug": "diagnostic-partage-de-territoire",
        "title": "Diagnostic partagé de territoire : un site ressource",
        "chapo": "Un site sous licence libre de fiches et de conseils méthodologiques pour les "
        "acteurs du travail social et du développement local.",
        "porteur_name": "IREV",
        "porteur_type": "Centre de ressources",
        "porteur_url": "https://www.diagnostic-territoire.org",
        "start_date": datetime.date(2017, 1, 1),
        "ongoing": True,
        "territoires": [("departement", "59")],
        "thematiques": ["Observation et évaluation", "Participation des habitants"],
        "publics": ["Professionnels de la politique de la ville", "Associations", "Habitants"],
        "contexte": "<p>Convaincus que le développement social des territoires repose sur des "
        "processus collectifs et concertés, les partenaires veulent promouvoir des diagnostics "
        "partagés.</p>",
        "objectifs": "<p>Offrir des supports adaptés aux professionnels, bénévoles, habitants et "
        "formateurs.</p>",
        "deroulement": "<p>L'IREV s'est associé à l'APSN, l'Union régionale des centres sociaux "
        "du Nord Pas-de-Calais, l'union départementale des CCAS, l'IRTS Hauts-de-France et le "
        "conseil départemental du Nord pour ouvrir diagnostic-territoire.org.</p>",
        "partenaires": "APSN\nUnion régionale des centres sociaux du Nord Pas-de-Calais\n"
        "Union départementale des CCAS\nIRTS Hauts-de-France\nConseil départemental du Nord",
        "points_forts": "<p>Le site est entièrement sous licence libre : chacun peut utiliser "
        "les données et les enrichir de son expérience.</p>",
        "conseils": "<p>Les outils peuvent être assortis de formations ou d'accompagnements au "
        "diagnostic de territoire.</p>",
    },
]


def _territoire(kind, key):
    qs = Territoire.objects.filter(kind=kind)
    return (qs.filter(code=key) if key[:1].isdigit() else qs.filter(name=key)).first()


def load_index(home):
    index = FicheIndexPage.objects.child_of(home).first()
    if index is None:
        index = new_page(
            FicheIndexPage,
            title="Fiches expériences",
            slug="fiches-experiences",
            show_in_menus=True,
            intro="<p>Des actions menées dans les quartiers, décrites avec leurs porteurs pour "
            "que d'autres puissent s'en inspirer.</p>",
            search_description="Des actions menées dans les quartiers, décrites avec leurs "
            "porteurs, à filtrer par thématique et par territoire.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def load_fiche(index, data):
    data = dict(data)
    slug = data.pop("slug")
    if FichePage.objects.child_of(index).filter(slug=slug).exists():
        return
    territoires = [t for t in (_territoire(*key) for key in data.pop("territoires")) if t]
    thematiques = Thematique.objects.filter(name__in=data.pop("thematiques"))
    publics = PublicVise.objects.filter(name__in=data.pop("publics"))
    porteur_type = PorteurType.objects.get(name=data.pop("porteur_type"))
    validated_at = data.pop("validated_at", None)
    fiche = FichePage(slug=slug, porteur_type=porteur_type, **data)
    fiche.territoires = territoires
    fiche.thematiques = list(thematiques)
    fiche.publics = list(publics)
    index.add_child(instance=fiche)
    revision = fiche.save_revision()
    revision.publish()
    if validated_at:
        PorteurValidation.objects.create(page=fiche, revision=revision, validated_at=validated_at)


WORKFLOW = "Validation des fiches expériences"


def load_workflow(index):
    """The porteur validates, then the moderators approve and publish: the fiches index's
    workflow, so that the validation can be tried on the demo (by name, once)."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW)
    if created:
        porteur = PorteurValidationTask.objects.get_or_create(
            name="Validation par le porteur de projet"
        )[0]
        moderators = GroupApprovalTask.objects.filter(name="Relecture par les modérateurs").first()
        if moderators is None:
            moderators = GroupApprovalTask.objects.create(name="Relecture par les modérateurs")
            moderators.groups.set(Group.objects.filter(name="Moderators"))
        WorkflowTask.objects.create(workflow=workflow, task=porteur, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=moderators, sort_order=1)
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def load():
    setup()  # the standard types of porteur, as setup_resource_centre creates them
    home = HomePage.objects.get()
    index = load_index(home)
    for data in FICHES:
        load_fiche(index, data)
    load_workflow(index)
