from django.urls import path

from .views import public

app_name = "newsletter"

urlpatterns = [
    path("inscription/", public.subscribe, name="subscribe"),
    path("inscription/envoyee/", public.subscribe_sent, name="subscribe_sent"),
    path("lien/", public.manage_link, name="manage_link"),
    path("confirmer/<str:token>/", public.confirm, name="confirm"),
    path("desinscription/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", public.preferences, name="preferences"),
]
