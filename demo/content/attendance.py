"""Demo attendance: the people who came to the demo agenda's past séances, with their sign-in
sheet marked, so that the bilan d'activité reads something on first start.

The participants are invented (addresses at participants.example, a reserved domain), drawn
the same way at each load from the jobs and places the seed documents name. Each past séance
held gets its registrations once; loading again adds nothing.
"""

import datetime
import random
import unicodedata

from django.utils import timezone

from agenda.models import Registration, Seance

FIRST_NAMES = [
    "Aminata", "Bruno", "Chloé", "Djamel", "Élodie", "Fatou", "Gaël", "Hélène", "Ibrahim", "Julie",
    "Karim", "Laure", "Mehdi", "Nadia", "Olivier", "Pauline", "Rachid", "Sophie", "Thomas", "Yasmina",
]  # fmt: skip
LAST_NAMES = [
    "Diallo", "Le Goff", "Martin", "Benali", "Guillou", "Ndiaye", "Le Bihan", "Moreau", "Traoré",
    "Kerjean", "Haddad", "Rolland", "Cissé", "Tanguy", "Lefèvre",
]  # fmt: skip
# (structure, job, territory as people type them in the form)
PLACES = [
    ("Ville de Rennes", "Cheffe de projet politique de la ville", "Rennes"),
    ("Rennes Métropole", "Chargé de mission cohésion sociale", "Rennes Métropole"),
    ("Centre social de Maurepas", "Adulte relais", "Rennes – Maurepas"),
    ("Ville de Brest", "Coordonnatrice du programme de réussite éducative", "Brest"),
    ("Association Agora Justice", "Médiateur social", "Brest – Bellevue"),
    ("Lorient Agglomération", "Chargée de mission emploi", "Lorient"),
    ("Ville de Saint-Nazaire", "Élue déléguée à la politique de la ville", "Saint-Nazaire"),
    ("Préfecture de Loire-Atlantique", "Déléguée du préfet", "Loire-Atlantique"),
    ("Nantes Métropole Habitat", "Chargé de gestion urbaine de proximité", "Nantes"),
    ("Ville de Quimper", "Coordonnateur ASV", "Quimper"),
    ("Maison de quartier de Kervénanec", "Animatrice", "Lorient – Kervénanec"),
    ("Ville de Cergy", "Chef de projet contrat de ville", "Cergy"),
]


def _ascii(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.lower().replace(" ", "-")


def _people():
    rng = random.Random(2026)
    people = []
    for n, (first, last) in enumerate(
        (f, la) for la in LAST_NAMES for f in FIRST_NAMES if rng.random() < 0.3
    ):
        structure, fonction, territoire = PLACES[n % len(PLACES)]
        people.append(
            {
                "name": f"{first} {last}",
                "email": f"{_ascii(first)}.{_ascii(last)}@participants.example",
                "structure": structure,
                "fonction": fonction,
                "territoire": territoire,
            }
        )
    return people


def load(index):
    """Registrations, attendance marked, for each past séance held under the agenda `index`."""
    today = timezone.localdate()
    people = _people()
    seances = (
        Seance.objects.filter(event__path__startswith=index.path, day__lt=today)
        .exclude(status=Seance.Status.CANCELLED)
        .exclude(registrations__isnull=False)
        .select_related("event")
        .order_by("day", "pk")
    )
    rows = []
    for seance in seances:
        # Seeded by what the demo fixes (the event's slug and the séance's place in it), so each
        # load draws the same people.
        rng = random.Random(f"{seance.event.slug}-{seance.sort_order}")
        size = min(rng.randint(9, 28), seance.event.capacity or 40)
        registered_on = timezone.make_aware(
            datetime.datetime.combine(seance.day - datetime.timedelta(days=12), datetime.time(10))
        )
        for person in rng.sample(people, size):
            cancelled = rng.random() < 0.08
            rows.append(
                Registration(
                    event_id=seance.event_id,
                    seance=seance,
                    status=Registration.Status.CANCELLED
                    if cancelled
                    else Registration.Status.CONFIRMED,
                    # The sign-in sheet: about one registrant in six did not come.
                    attended=None if cancelled else rng.random() > 0.17,
                    consent_text="Inscription enregistrée pour la démonstration.",
                    consent_at=registered_on,
                    created_at=registered_on,
                    **person,
                )
            )
    Registration.recognise(rows)  # bulk_create skips save(), which recognises one at a time
    Registration.objects.bulk_create(rows, batch_size=500)
    return len(rows)
