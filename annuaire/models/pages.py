"""The annuaire as a Wagtail page: listings, entry pages, exports and self-service as sub-routes."""

from urllib.parse import urlencode

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from resource_centre.models.pages import SuitePage


class AnnuaireIndexPage(RoutablePageMixin, SuitePage):
    offered_as_search_type = False

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SuitePage.content_panels + [FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("directory of actors")
        verbose_name_plural = _("directories of actors")

    # The views live in annuaire.views; imported late so that models load without them.

    @path("", name="structures")
    def structures(self, request):
        from ..views.listing import listing

        return listing(self, request, "structures")

    @path("carte/", name="map")
    def map(self, request):
        from ..views.map import map_view

        return map_view(self, request)

    @path("personnes/", name="people")
    def people(self, request):
        from ..views.listing import listing

        return listing(self, request, "personnes")

    @re_path(r"^export/(structures|personnes)-(csv|xlsx|json)/$", name="export")
    def export(self, request, kind, fmt):
        from ..views.exports import export

        return export(self, request, kind, fmt)

    @path("structure/<id:pk>/", name="structure")
    def structure(self, request, pk):
        from ..views.entries import structure_detail

        return structure_detail(self, request, pk)

    @path("personne/<id:pk>/", name="person")
    def person(self, request, pk):
        from ..views.entries import person_detail

        return person_detail(self, request, pk)

    @path("mise-a-jour/", name="ask_link")
    def ask_link(self, request):
        from ..views.selfservice import ask_link

        return ask_link(self, request)

    # The signed token travels in the query string (?jeton=…): it holds characters that
    # Wagtail's page paths do not accept.
    @path("modifier/", name="propose")
    def propose(self, request):
        from ..views.selfservice import propose

        return propose(self, request, request.GET.get("jeton", ""))

    @path("retrait/", name="remove")
    def remove(self, request):
        from ..views.selfservice import remove

        return remove(self, request, request.GET.get("jeton", ""))

    def link_url(self, name, token):
        return f"{self.url}{self.reverse_subpage(name)}?{urlencode({'jeton': token})}"

    def structure_url(self, structure):
        return self.url + self.reverse_subpage("structure", args=[structure.pk])

    def person_url(self, person):
        return self.url + self.reverse_subpage("person", args=[person.pk])
