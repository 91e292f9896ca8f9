from django.urls import path

from openprm.trainings import held_views, portal_views, views

app_name = "trainings"

urlpatterns = [
    path("", views.TrainingList.as_view(), name="training_list"),
    path("new/", views.TrainingCreate.as_view(), name="training_create"),
    path("<int:pk>/", views.TrainingEdit.as_view(), name="training_edit"),
    path("certifications/", views.CertificationList.as_view(), name="certification_list"),
    path("certifications/new/", views.CertificationCreate.as_view(), name="certification_create"),
    path("certifications/<int:pk>/", views.CertificationEdit.as_view(), name="certification_edit"),
    path("held/", held_views.HeldList.as_view(), name="held_list"),
    path("held/new/", held_views.HeldCreate.as_view(), name="held_create"),
    path("held/<int:pk>/revoke/", held_views.HeldRevoke.as_view(), name="held_revoke"),
    path("completions/new/", held_views.CompletionCreate.as_view(), name="completion_create"),
    path(
        "completions/<int:pk>/evidence/",
        held_views.CompletionEvidence.as_view(),
        name="completion_evidence",
    ),
    path(
        "partners/<int:pk>/",
        held_views.PartnerCertifications.as_view(),
        name="partner_certifications",
    ),
]

portal_urlpatterns = [
    path("trainings/", portal_views.PortalTrainings.as_view(), name="trainings"),
    path(
        "trainings/completions/new/",
        portal_views.PortalCompletionCreate.as_view(),
        name="training_completion_create",
    ),
    path(
        "trainings/completions/<int:pk>/evidence/",
        portal_views.PortalCompletionEvidence.as_view(),
        name="training_evidence",
    ),
]
"""The trainings pages in the portal; portal.urls mounts them as `portal:…`."""
