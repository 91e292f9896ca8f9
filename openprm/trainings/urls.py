from django.urls import path

from openprm.trainings import portal_views, views

app_name = "trainings"

urlpatterns = [
    path("", views.TrainingList.as_view(), name="training_list"),
    path("new/", views.TrainingCreate.as_view(), name="training_create"),
    path("<int:pk>/", views.TrainingEdit.as_view(), name="training_edit"),
    path("certifications/", views.CertificationList.as_view(), name="certification_list"),
    path("certifications/new/", views.CertificationCreate.as_view(), name="certification_create"),
    path("certifications/<int:pk>/", views.CertificationEdit.as_view(), name="certification_edit"),
    path("held/", views.HeldList.as_view(), name="held_list"),
    path("held/new/", views.HeldCreate.as_view(), name="held_create"),
    path("held/<int:pk>/revoke/", views.HeldRevoke.as_view(), name="held_revoke"),
    path("completions/new/", views.CompletionCreate.as_view(), name="completion_create"),
    path(
        "completions/<int:pk>/evidence/",
        views.CompletionEvidence.as_view(),
        name="completion_evidence",
    ),
    path(
        "partners/<int:pk>/",
        views.PartnerCertifications.as_view(),
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
