import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Coalesce

from resource_centre.models import Territoire

pytestmark = pytest.mark.django_db


def make(kind, name, parent=None, code=""):
    t = Territoire(kind=kind, name=name, parent=parent, code=code)
    t.full_clean()
    t.save()
    return t


def test_reference_territoires_load_once_with_their_official_codes():
    call_command("load_territoires")
    first = Territoire.objects.count()
    call_command("load_territoires")
    assert Territoire.objects.count() == first >= 80
    rennes = Territoire.objects.get(kind="commune", code="35238")
    chain = [t.name for t in Territoire.objects.ancestors_of(rennes)]
    assert chain == ["Bretagne", "Ille-et-Vilaine", "Rennes Métropole", "Rennes"]
    assert Territoire.objects.get(kind="epci", code="243500139").name == "Rennes Métropole"
    val_doise = Territoire.objects.get(kind="departement", code="95")
    assert val_doise.parent.name == "Île-de-France"
    assert "Poitou-Charentes" in Territoire.objects.get(kind="region", code="75").alternative_names
    for dept in ("16", "17", "79", "86", "18", "28", "36", "37", "41", "45"):
        assert Territoire.objects.filter(kind="departement", code=dept).exists()


def test_a_departement_covers_its_epci_communes_and_qpv():
    region = make("region", "Bretagne", code="53")
    dept = make("departement", "Ille-et-Vilaine", region, "35")
    other = make("departement", "Finistère", region, "29")
    epci = make("epci", "Rennes Métropole", dept, "243500139")
    rennes = make("commune", "Rennes", epci, "35238")
    qpv = make("qpv", "Le Blosne", rennes)
    brest = make("commune", "Brest", other, "29019")
    covered = set(Territoire.objects.covering([dept]))
    assert covered == {dept, epci, rennes, qpv}
    assert brest not in covered
    assert set(Territoire.objects.covering([region])) == {
        region,
        dept,
        other,
        epci,
        rennes,
        qpv,
        brest,
    }
    assert not Territoire.objects.covering([]).exists()


def test_a_territoire_covers_no_sibling_whose_id_starts_with_its_own():
    """Paths "/1/" and "/10/…": a prefix of the characters, not of the path's steps."""
    one = Territoire(pk=1, kind="region", name="Guadeloupe", code="01")
    one.save()
    ten = Territoire(pk=10, kind="region", name="Martinique", code="02")
    ten.save()
    # Ids given by hand do not move PostgreSQL's sequence: the next ones must come after them.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Territoire]):
            cursor.execute(statement)
    below_ten = make("departement", "Martinique", ten, "972")
    below_one = make("departement", "Guadeloupe", one, "971")
    assert set(Territoire.objects.covering([one])) == {one, below_one}
    assert set(Territoire.objects.covering([ten])) == {ten, below_ten}
    assert set(Territoire.objects.covering([one, ten])) == {one, ten, below_one, below_ten}
    # The same prefix on an expression of the path (its parameters given to both bounds).
    expressed = Territoire.objects.annotate(p=Coalesce("path", Value("")))
    assert set(expressed.filter(p__startswith=one.path)) == {one, below_one}


def test_covering_reads_only_the_territoires_below_on_sqlite():
    """Served by the path's index (a range), not by reading every path (LIKE, on SQLite)."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL serves a prefix LIKE with the path's pattern index")
    region = make("region", "Bretagne", code="53")
    sql, params = Territoire.objects.covering([region]).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        plan = " ".join(str(row) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "SEARCH" in plan and "path>? AND path<?" in plan, plan


def test_moving_a_node_moves_its_subtree():
    region = make("region", "Bretagne", code="53")
    d35 = make("departement", "Ille-et-Vilaine", region, "35")
    d29 = make("departement", "Finistère", region, "29")
    epci = make("epci", "Brest Métropole", d35, "242900314")
    brest = make("commune", "Brest", epci, "29019")
    epci.parent = d29
    epci.full_clean()
    epci.save()
    brest.refresh_from_db()
    assert brest.path.startswith(d29.path)
    assert set(Territoire.objects.covering([d29])) == {d29, epci, brest}


def test_the_hierarchy_refuses_nonsense_with_a_french_message(settings):
    settings.LANGUAGE_CODE = "fr"
    region = make("region", "Bretagne", code="53")
    dept = make("departement", "Ille-et-Vilaine", region, "35")
    with pytest.raises(ValidationError) as error:
        make("commune", "Rennes", region)
    assert "ne peut pas être rattaché" in str(error.value)
    with pytest.raises(ValidationError):
        make("departement", "Sans région")
    dept.parent = None
    region.parent = dept
    region.kind = "departement"
    with pytest.raises(ValidationError):
        region.full_clean()
    with pytest.raises(ValidationError):  # same official code twice
        make("departement", "Doublon", region, "35")
