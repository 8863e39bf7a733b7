"""The shared pieces every feature app uses: filters, tokens, e-mails, CSV exports."""

import time
from io import StringIO

import pytest
from django.core import mail
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory

from resource_centre.exports import csv_response
from resource_centre.filters import SuiteFilterSet, TaxonomyFilter, TerritoireFilter
from resource_centre.id_lists import Among
from resource_centre.mail import queue_email, send_email
from resource_centre.models import Territoire, Thematique
from resource_centre.tokens import InvalidToken, make_token, read_token


class ChildrenFilterSet(SuiteFilterSet):
    """Territoires filtered by their parent: enough to exercise the hierarchy."""

    parent = TerritoireFilter(label="Territoire")

    class Meta:
        model = Territoire
        fields = []


def filtered(query):
    data = QueryDict(query) if isinstance(query, str) else query
    return ChildrenFilterSet(
        data, queryset=Territoire.objects.all(), request=RequestFactory().get("/")
    )


@pytest.fixture
def territoires(db):
    from django.core.management import call_command

    call_command("load_territoires", "--regions", "53,52", stdout=StringIO())
    # Keyed by code; "53" is both the région Bretagne and the département Mayenne: keep the région.
    return {
        t.code: t
        for t in Territoire.objects.exclude(code="").exclude(kind="departement", code="53")
    }


def test_territoire_filter_matches_the_whole_subtree(territoires):
    bretagne, vendee = territoires["53"], territoires["85"]
    names = {t.name for t in filtered(f"parent={bretagne.pk}").qs}
    assert {"Ille-et-Vilaine", "Rennes Métropole", "Rennes", "Brest"} <= names
    assert "Nantes" not in names
    both = {t.name for t in filtered(f"parent={bretagne.pk}&parent={vendee.pk}").qs}
    assert {"Rennes", "La Roche-sur-Yon"} <= both  # OR within a facet


@pytest.mark.parametrize("garbage", ["abc", "99999999", "-1", "1 OR 1=1", "%00", "9" * 400])
def test_unknown_filter_values_are_ignored_with_a_french_message(territoires, garbage):
    bretagne = territoires["53"]
    query = QueryDict(mutable=True)
    query.setlist("parent", [garbage, str(bretagne.pk)])
    filterset = filtered(query)
    names = {t.name for t in filterset.qs}
    assert "Rennes" in names and "Nantes" not in names  # the valid value still applies
    assert filterset.problems == [
        "Certaines valeurs du filtre « Territoire » n’ont pas été reconnues et ont été ignorées."
    ]


def test_active_filters_link_to_the_same_search_without_each_value(territoires):
    bretagne, vendee = territoires["53"], territoires["85"]
    active = filtered(f"parent={bretagne.pk}&parent={vendee.pk}&page=3").active_filters()
    # In the tree's order (Pays de la Loire, code 52, comes before Bretagne, 53).
    assert [(facet, label, url) for facet, label, url in active] == [
        ("Territoire", "Vendée (85)", f"?parent={bretagne.pk}"),
        ("Territoire", "Bretagne", f"?parent={vendee.pk}"),
    ]
    html = render_to_string(
        "resource_centre/includes/filters.html", {"filter": filtered(f"parent={bretagne.pk}")}
    )
    assert "Retirer le filtre Territoire : Bretagne" in html


def test_taxonomy_filter_uses_slugs_and_returns_each_item_once(db):
    class ThemeFilterSet(SuiteFilterSet):
        theme = TaxonomyFilter(field_name="pk", queryset=Thematique.objects.all())

        class Meta:
            model = Thematique
            fields = []

    sante = Thematique.objects.create(name="Santé")
    Thematique.objects.create(name="Jeunesse")
    qs = ThemeFilterSet(QueryDict("theme=sante&theme=sante&theme=nope")).qs
    assert list(qs) == [sante]


def test_among_passes_any_number_of_ids_as_one_parameter(territoires, django_assert_num_queries):
    communes = list(Territoire.objects.filter(kind="commune").values_list("pk", flat=True))
    assert len(communes) > 2000
    # 40,000 ids, past SQLite's limit of 32,766 parameters a query: one parameter.
    asked = communes + list(range(10**9, 10**9 + 40_000 - len(communes)))
    with django_assert_num_queries(1):
        found = set(Territoire.objects.filter(Among("pk", asked)).values_list("pk", flat=True))
    assert found == set(communes)
    # On a related column, and inside a subquery.
    departements = Territoire.objects.filter(kind="departement", code__in=["35", "44"])
    under = Territoire.objects.filter(Among("parent", departements.values_list("pk", flat=True)))
    assert set(under.values_list("parent__code", flat=True)) == {"35", "44"}
    nested = Territoire.objects.filter(pk__in=under.values("pk")).count()
    assert nested == under.count() > 0
    # No id, no row, and no query.
    with django_assert_num_queries(0):
        assert list(Territoire.objects.filter(Among("pk", []))) == []


def test_tokens_are_bound_to_their_purpose_and_expire():
    token = make_token("cancel-registration", {"id": 42, "v": 1})
    assert read_token("cancel-registration", token, max_age=60) == {"id": 42, "v": 1}
    with pytest.raises(InvalidToken) as error:
        read_token("unsubscribe", token, max_age=60)
    assert not error.value.expired
    for forged in [token[:-2] + "xx", "", "garbage", "a" * 5000, None, token.upper()]:
        with pytest.raises(InvalidToken):
            read_token("cancel-registration", forged, max_age=60)
    time.sleep(1.1)
    with pytest.raises(InvalidToken) as error:
        read_token("cancel-registration", token, max_age=1)
    assert error.value.expired


@pytest.mark.django_db
def test_send_email_task_sends_text_and_html_and_its_record_holds_only_an_id(settings):
    from django_tasks import default_task_backend

    from resource_centre.models import OutgoingEmail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    queue_email(
        "Objet", "Texte", ["a@example.org"], html="<p>HTML</p>", headers={"X-Centre": "RésO Villes"}
    )
    (queued,) = default_task_backend.results
    assert "a@example.org" not in repr((queued.args, queued.kwargs))  # an id, not the message
    queued.task.call(*queued.args, **queued.kwargs)  # what the worker does
    (message,) = mail.outbox
    assert message.subject == "Objet" and message.to == ["a@example.org"]
    assert message.alternatives[0][0] == "<p>HTML</p>"
    assert message.extra_headers["X-Centre"] == "RésO Villes"
    assert not OutgoingEmail.objects.exists()  # forgotten once sent
    send_email.call(queued.args[0])  # a second run (or an erased person's e-mail) sends nothing
    assert len(mail.outbox) == 1


def test_csv_export_reads_in_a_spreadsheet_and_neutralises_formulas():
    response = csv_response(
        "export.csv",
        ["nom", "ville"],
        [["Régie de quartier", "Saint-Denis"], ['=HYPERLINK("x")', "-2"]],
    )
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffnom;ville\r\n")
    assert "Régie de quartier;Saint-Denis" in body
    assert "'=HYPERLINK" in body and "'-2" in body
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_render_email_makes_subject_text_and_branded_html(tmp_path, settings, db):
    from wagtail.models import Site

    from resource_centre.mail import render_email
    from resource_centre.models import CentreSettings

    centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
    centre.name, centre.address, centre.primary_colour = "RésO Villes", "Nantes", "#123456"
    centre.save()
    (tmp_path / "m").mkdir()
    for name in ("plain", "rich"):
        (tmp_path / "m" / f"{name}_subject.txt").write_text("Bonjour\n {{ name }} ")
        (tmp_path / "m" / f"{name}.txt").write_text(
            "Texte pour {{ name }} : https://example.org/lien/"
        )
    (tmp_path / "m" / "rich.html").write_text("<p>{{ name }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]

    subject, text, html = render_email("m/plain", {"name": "L'atelier <b>"})
    assert subject == "Bonjour L'atelier <b>"
    assert text == "Texte pour L'atelier <b> : https://example.org/lien/"  # not HTML-escaped
    # Without an HTML template, the text goes out inside the centre's MJML layout.
    assert "L&#x27;atelier &lt;b&gt;" in html and "<b>" not in html
    assert '<a href="https://example.org/lien/"' in html
    assert "RésO Villes" in html and "#123456" in html and "Nantes" in html
    assert render_email("m/rich", {"name": "Soazig"})[2] == "<p>Soazig</p>"


def test_erase_removes_the_instance_and_its_admin_history(db):
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    from resource_centre.models import PublicVise
    from resource_centre.rgpd import erase

    kept = PublicVise.objects.create(name="Élus")
    gone = PublicVise.objects.create(name="Camille Martin")
    log(kept, "wagtail.create")
    log(gone, "wagtail.create")
    log(gone, "wagtail.edit")

    erase(gone)

    assert not PublicVise.objects.filter(name="Camille Martin").exists()
    labels = set(ModelLogEntry.objects.values_list("label", flat=True))
    assert "Camille Martin" not in labels
    assert "Élus" in labels


def test_the_first_of_the_month_is_written_1er():
    """« mardi 1er décembre », as French writes it; Django's formats write « 1 décembre »."""
    import datetime

    from django.template import Context, Template
    from django.utils import timezone, translation

    from resource_centre.dates import french_date

    with translation.override("fr"):
        assert french_date(datetime.date(2026, 12, 1), "l j F Y") == "mardi 1er décembre 2026"
        assert french_date(datetime.date(2026, 12, 2), "l j F Y") == "mercredi 2 décembre 2026"
        assert french_date(datetime.date(2026, 12, 1), r"\j j F") == "j 1er décembre"
        # In templates, an aware datetime is read in local time first: 23h30 UTC on 30 June is
        # already 1 July in Paris.
        moment = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
        template = Template('{% load resource_centre_tags %}{{ d|french_date:"j F Y, H\\hi" }}')
        with timezone.override("Europe/Paris"):
            assert template.render(Context({"d": moment})) == "1er juillet 2026, 01h30"
        assert (
            Template("{% load resource_centre_tags %}{{ d|french_date:'j F' }}").render(
                Context({"d": "pas une date"})
            )
            == ""
        )
