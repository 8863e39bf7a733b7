"""The reference territoires of France: the bundled data, load_territoires and the QPV importer."""

import gzip
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from resource_centre import qpv, territoires
from resource_centre.models import Territoire
from resource_centre.search import matching, query_stems

pytestmark = pytest.mark.django_db


def code_of(kind, code):
    return Territoire.objects.get(kind=kind, code=code)


def test_the_bundled_data_holds_all_of_france_in_a_small_file():
    data = territoires.read_france()
    assert territoires.DATA_FILE.stat().st_size < 800_000
    regions = {code for code, _name, _alt in data["regions"]}
    # 13 in metropolitan France, 5 overseas (and the collectivités d'outre-mer).
    assert {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"} < regions
    assert {"01", "02", "03", "04", "06"} < regions
    assert len(data["departements"]) >= 101
    assert len(data["epci"]) > 1200
    assert len(data["communes"]["code"]) > 34000
    source = (territoires.DATA_FILE.parent / "SOURCE.md").read_text()
    assert data["source"]["package"] in source and "Licence Ouverte" in source and "MIT" in source


def test_some_regions_load_with_codes_siren_postal_codes_and_population_and_again_change_nothing():
    out = io.StringIO()
    call_command("load_territoires", "--regions", "Corse, 53", stdout=out)
    assert "créé(s)" in out.getvalue()
    count = Territoire.objects.count()
    ajaccio = code_of("commune", "2A004")
    assert [t.name for t in Territoire.objects.ancestors_of(ajaccio)] == [
        "Corse",
        "Corse-du-Sud",
        "CA du Pays Ajaccien",
        "Ajaccio",
    ]
    assert "20000" in ajaccio.postal_codes.split() and ajaccio.population > 60000
    assert ajaccio.siren == "212000046"
    rennes = code_of("commune", "35238")
    assert rennes.parent.siren == rennes.parent.code == "243500139"
    assert rennes.path == f"{rennes.parent.path}{rennes.pk}/"
    # Every région and département is there; the communes of the others are not.
    assert Territoire.objects.filter(kind="region").count() >= 18
    assert code_of("departement", "13").parent.name == "Provence-Alpes-Côte d'Azur"
    assert not Territoire.objects.filter(kind="commune", code="13055").exists()
    assert "Alsace" in code_of("region", "44").alternative_names
    out = io.StringIO()
    call_command("load_territoires", "--regions", "94,53", stdout=out)
    assert "0 créé(s), 0 mis à jour" in out.getvalue()
    assert Territoire.objects.count() == count
    # A département straddled by an EPCI still covers all its communes.
    covered = Territoire.objects.covering([code_of("departement", "35")])
    assert covered.filter(kind="commune").count() == sum(
        1 for d in territoires.read_france()["communes"]["departement"] if d == "35"
    )


def test_a_region_nobody_knows_is_refused_in_french():
    with (
        translation.override("fr"),
        pytest.raises(CommandError, match="Région inconnue : Atlantide"),
    ):
        call_command("load_territoires", "--regions", "Atlantide")
    with translation.override("fr"), pytest.raises(CommandError, match="Code.* inconnu.*: 999"):
        call_command("load_territoires", "--departements", "999")
    assert not Territoire.objects.exists()


def test_the_old_file_format_still_loads(tmp_path):
    path = tmp_path / "territoires.json"
    path.write_text(
        json.dumps(
            {
                "territoires": [
                    {"kind": "region", "code": "53", "name": "Bretagne"},
                    {
                        "kind": "departement",
                        "code": "35",
                        "name": "Ille-et-Vilaine",
                        "parent": ["region", "53"],
                    },
                    {
                        "kind": "commune",
                        "code": "35238",
                        "name": "Rennes",
                        "parent": ["departement", "35"],
                        "postal_codes": "35000 35200",
                        "population": 230000,
                    },
                ]
            }
        )
    )
    call_command("load_territoires", "--file", str(path), stdout=io.StringIO())
    call_command("load_territoires", "--file", str(path), stdout=io.StringIO())
    rennes = code_of("commune", "35238")
    assert [t.name for t in Territoire.objects.ancestors_of(rennes)] == [
        "Bretagne",
        "Ille-et-Vilaine",
        "Rennes",
    ]
    assert rennes.population == 230000 and Territoire.objects.count() == 3


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "n’est pas un objet JSON"),
        (
            '{"territoires": [{"kind": "pays", "code": "1", "name": "X"}]}',
            "Territoire n° 1 : niveau inconnu",
        ),
        ('{"territoires": [{"kind": "region", "code": "", "name": "X"}]}', "« code »"),
        (
            '{"territoires": [{"kind": "commune", "code": "1", "name": "X", "parent": ["region", "9"]}]}',
            "Parent inconnu",
        ),
        (
            '{"territoires": [{"kind": "commune", "code": "1", "name": "X"}]}',
            "ne peut pas être placé",
        ),
    ],
)
def test_a_wrong_file_gives_a_french_message_and_loads_nothing(tmp_path, content, message):
    path = tmp_path / "territoires.json"
    path.write_text(content)
    with translation.override("fr"), pytest.raises(CommandError, match=message):
        call_command("load_territoires", "--file", str(path))
    assert not Territoire.objects.exists()


# A tiny dataset in the bundled format, to follow a commune renamed then merged.
def dataset(tmp_path, communes, epci=(("200000001", "CC d'essai", "99", 3000),)):
    columns = {column: [] for column in territoires.COMMUNE_COLUMNS}
    for row in communes:
        for column, value in zip(territoires.COMMUNE_COLUMNS, row, strict=True):
            columns[column].append(value)
    data = {
        "format": 1,
        "source": {"package": "test"},
        "regions": [["99", "Région d'essai", ""]],
        "departements": [["99", "Département d'essai", "99"]],
        "epci": [list(e) for e in epci],
        "communes": columns,
        "arrondissements": {},
    }
    path = tmp_path / f"data-{len(list(tmp_path.iterdir()))}.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    return path


def test_a_renamed_then_merged_commune_keeps_its_tagged_content(tmp_path):
    old = ["99001", "Vieux-Bourg", "99", "200000001", "219900010", "99100", 1000, ""]
    new = ["99002", "Bourg-Neuf", "99", "200000001", "219900028", "99200", 2000, ""]
    territoires.load_france(path=dataset(tmp_path, [old, new]))
    vieux_bourg = code_of("commune", "99001")
    renamed = [*old[:1], "Vieux-Bourg-sur-Mer", *old[2:]]
    result = territoires.load_france(path=dataset(tmp_path, [renamed, new]))
    assert (result.created, result.updated, result.merged) == (0, 1, 0)
    vieux_bourg.refresh_from_db()
    assert (
        vieux_bourg.name == "Vieux-Bourg-sur-Mer" and vieux_bourg.alternative_names == "Vieux-Bourg"
    )
    # Found by its former name, its code or its postal code, accents and case ignored.
    for query in ("vieux bourg", "VIEUX-BOURG-SUR-MER", "99001", "99100"):
        assert list(Territoire.objects.filter(matching(query_stems(query)))) == [vieux_bourg], query
    merged = [*new[:6], 3000, "99001"]
    result = territoires.load_france(path=dataset(tmp_path, [merged]))
    assert (result.created, result.updated, result.merged) == (0, 1, 1)
    vieux_bourg.refresh_from_db()
    bourg_neuf = code_of("commune", "99002")
    assert vieux_bourg.former and vieux_bourg.parent == bourg_neuf
    assert vieux_bourg.path == f"{bourg_neuf.path}{vieux_bourg.pk}/"
    assert list(Territoire.objects.covering([bourg_neuf])) == [bourg_neuf, vieux_bourg]
    # Loading the same data again changes nothing.
    result = territoires.load_france(path=dataset(tmp_path, [merged]))
    assert (result.created, result.updated, result.merged) == (0, 0, 0)
    # A QPV given with the old commune's code goes under the new one.
    outcome = qpv.import_qpv("code_qp;lib_qp;insee_com\nQN09901M;Les Tilleuls;99001\n")
    assert not outcome.problems
    assert Territoire.objects.get(kind="qpv", code="QN09901M").parent == bourg_neuf


@pytest.fixture
def bretagne():
    territoires.load_france(["53"], ["75"])


def test_qpv_load_under_their_commune_or_their_epci(bretagne):
    content = (
        "\ufeffCode_QP;Lib_QP;Insee_Com;Lib_Com\n"
        "QN03501M;Maurepas;35238;Rennes\n"
        'QN03502M;Le Blosne;"35238, 35281";Rennes, Saint-Jacques-de-la-Lande\n'
        "QN07501M;Porte de la Chapelle;75118|75119;Paris\n"
    )
    outcome = qpv.import_qpv(content.encode())
    assert not outcome.problems and outcome.result.created == 3
    assert code_of("qpv", "QN03501M").parent == code_of("commune", "35238")
    assert code_of("qpv", "QN03502M").parent == code_of("epci", "243500139")
    assert code_of("qpv", "QN07501M").parent == code_of("commune", "75056")
    maurepas = code_of("qpv", "QN03501M")
    assert maurepas.path == f"{maurepas.parent.path}{maurepas.pk}/"
    # Again, with commas and one row per commune: nothing new; a renamed QPV is updated.
    again = (
        "code_qp,lib_qp,insee_com\n"
        "QN03501M,Maurepas - Gros Chêne,35238\n"
        "QN03502M,Le Blosne,35238\n"
        "QN03502M,Le Blosne,35281\n"
        "QN07501M,Porte de la Chapelle,75056\n"
    )
    outcome = qpv.import_qpv(again.encode())
    assert not outcome.problems
    assert (outcome.result.created, outcome.result.updated) == (0, 1)
    assert code_of("qpv", "QN03501M").name == "Maurepas - Gros Chêne"
    assert code_of("qpv", "QN03502M").parent.kind == "epci"


def test_a_qpv_entered_by_hand_gets_its_official_code(bretagne):
    rennes = code_of("commune", "35238")
    by_hand = Territoire(kind="qpv", name="Le Blosne", parent=rennes)
    by_hand.save()
    qpv.import_qpv(b"code_qp;lib_qp;insee_com\nQN03502M;Le Blosne;35238\n")
    by_hand.refresh_from_db()
    assert by_hand.code == "QN03502M" and Territoire.objects.filter(kind="qpv").count() == 1


def test_garbage_lines_are_reported_in_french_and_left_out(bretagne):
    content = (
        "code_qp;lib_qp;insee_com\n"
        "QN03501M;Maurepas;35238\n"
        ";Sans code;35238\n"
        "QN 035 02;Code faux;35238\n"
        "QN03503M;;35238\n"
        "QN03504M;Commune inconnue;99999\n"
        "QN03505M;Pas de commune;\n"
        "QN03506M;Texte;rennes\n"
        "QN03501M;Autre nom;35238\n"
        "\n"
        "QN03507M;Bréquigny;35238;colonne en trop\n"
    )
    with translation.override("fr"):
        outcome = qpv.import_qpv(content.encode())
    assert sorted(Territoire.objects.filter(kind="qpv").values_list("code", flat=True)) == [
        "QN03501M",
        "QN03507M",
    ]
    problems = "\n".join(outcome.problems)
    assert len(outcome.problems) == 7, problems
    assert "Ligne 3 : le code du QPV manque." in problems
    assert "Ligne 4 : le code du QPV « QN 035 02 » n’est pas valide" in problems
    assert "Ligne 6 : code(s) de commune inconnu(s) 99999" in problems
    assert "Ligne 8 : code(s) de commune inconnu(s) RENNES" in problems
    assert "Ligne 9 : le QPV QN03501M s’appelle « Maurepas » à la ligne 2." in problems


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "Le fichier est vide."),
        (b"code;nom\nQN1;X\n", "pas de colonne « communes »"),
        (
            "code_qp;lib_qp;insee_com\nQN1;Quimperlé;29233\n".encode("latin-1"),
            "n’est pas encodé en UTF-8",
        ),
        (b"\x00\x01\x02", "n’est pas un fichier texte"),
        (b"\n\n  \n", "Le fichier est vide."),
        # A quotation mark never closed would swallow the rows after it into one cell.
        (
            b'code_qp;lib_qp;insee_com\nQN03580X;"Quartier A;35238\n'
            + b"".join(b"QN0358%dX;Quartier %d;35238\n" % (i, i) for i in range(1, 10)),
            "ouvert à la ligne 2 n’est jamais fermé",
        ),
    ],
)
def test_an_unreadable_qpv_file_is_refused_in_french(bretagne, tmp_path, content, message):
    path = tmp_path / "qpv.csv"
    path.write_bytes(content)
    with translation.override("fr"), pytest.raises(CommandError, match=message):
        call_command("load_qpv", str(path))
    assert not Territoire.objects.filter(kind="qpv").exists()


@pytest.mark.parametrize(
    "first_lines",
    ["code_qp\tlib_qp\tinsee_com\n", "sep=,\ncode_qp,lib_qp,insee_com\n"],
    ids=["tabs", "excel-sep-line"],
)
def test_a_qpv_file_separated_by_tabs_or_saying_its_separator_loads(
    bretagne, tmp_path, first_lines
):
    separator = "\t" if "\t" in first_lines else ","
    rows = ["QN03501M", "Maurepas", "35238"], ["QN03504M", "Ailleurs", "99999"]
    path = tmp_path / "qpv.csv"
    path.write_text(first_lines + "".join(separator.join(row) + "\n" for row in rows))
    out, err = io.StringIO(), io.StringIO()
    with translation.override("fr"):
        call_command("load_qpv", str(path), stdout=out, stderr=err)
    assert Territoire.objects.get(kind="qpv", code="QN03501M").name == "Maurepas"
    line = 3 if "sep=" not in first_lines else 4  # the line of the file, "sep=" counted
    assert f"Ligne {line} : code(s) de commune inconnu(s) 99999" in err.getvalue()


def test_a_path_that_is_no_file_is_refused_in_french(tmp_path):
    for path, message in (
        (tmp_path / "absent.csv", "Il n’y a pas de fichier"),
        (tmp_path, "est un dossier, pas un fichier"),
    ):
        for command in ("load_qpv", "load_territoires"):
            args = [str(path)] if command == "load_qpv" else ["--file", str(path)]
            with translation.override("fr"), pytest.raises(CommandError, match=message):
                call_command(command, *args)


def test_the_qpv_command_lists_the_lines_left_out(bretagne, tmp_path):
    path = tmp_path / "qpv.csv"
    path.write_text("code_qp;lib_qp;insee_com\nQN03501M;Maurepas;35238\nQN03504M;Ailleurs;99999\n")
    out, err = io.StringIO(), io.StringIO()
    with translation.override("fr"):
        call_command("load_qpv", str(path), stdout=out, stderr=err)
    assert "1 créé" in out.getvalue() and "1 ligne(s) écartée(s)" in out.getvalue()
    assert "Ligne 3 : code(s) de commune inconnu(s) 99999" in err.getvalue()


def test_a_dissolved_epci_stays_for_its_tags_but_is_no_longer_current(tmp_path):
    commune = ["99001", "Vieux-Bourg", "99", "200000001", "219900010", "99100", 1000, ""]
    territoires.load_france(path=dataset(tmp_path, [commune]))
    moved = [*commune[:3], "200000002", *commune[4:]]
    new_epci = [("200000002", "CA nouvelle", "99", 5000)]
    result = territoires.load_france(path=dataset(tmp_path, [moved], epci=new_epci))
    assert (result.created, result.updated, result.merged, result.retired) == (1, 1, 0, 1)
    old_epci = code_of("epci", "200000001")
    assert old_epci.former and not code_of("epci", "200000002").former
    vieux_bourg = code_of("commune", "99001")
    assert vieux_bourg.parent.code == "200000002" and vieux_bourg.path.startswith(
        code_of("epci", "200000002").path
    )
    with translation.override("fr"):
        assert str(result) == (
            "Territoires : 1 créé(s), 1 mis à jour, 0 fusionné(s), 1 qui n’existe(nt) plus."
        )
    again = territoires.load_france(path=dataset(tmp_path, [moved], epci=new_epci))
    assert (again.created, again.updated, again.merged, again.retired) == (0, 0, 0, 0)


@pytest.mark.parametrize("option", ["--regions", "--departements"])
def test_an_option_naming_no_territoire_is_refused(option):
    with translation.override("fr"), pytest.raises(CommandError, match="ne nomme aucun territoire"):
        call_command("load_territoires", option, ",, ,")
    assert not Territoire.objects.filter(kind="commune").exists()
