from django.urls import path

from .admin_views import freshness, importer, moderation, personal_data

urlpatterns = [
    path("import/", importer.import_view, name="import"),
    path("import/<id:pk>/", importer.import_job, name="import_job"),
    path("moderation/", moderation.moderation_list, name="moderation"),
    path("moderation/<id:pk>/", moderation.review, name="review"),
    path("verification/", freshness.freshness_list, name="freshness"),
    path("personne/<id:pk>/donnees/", personal_data.export_person, name="person_data"),
]
