from django.urls import path

from openprm.programs import (
    analytics_views,
    evaluation_views,
    partnership_views,
    portal_views,
    views,
)

app_name = "programs"

urlpatterns = [
    path("", views.ProgramList.as_view(), name="program_list"),
    path("new/", views.ProgramCreate.as_view(), name="program_create"),
    path("analytics/", analytics_views.DealAnalytics.as_view(), name="deal_analytics"),
    path("<int:pk>/", views.ProgramDetail.as_view(), name="program_detail"),
    path("<int:pk>/edit/", views.ProgramEdit.as_view(), name="program_edit"),
    path("<int:pk>/evaluate/", views.ProgramEvaluate.as_view(), name="program_evaluate"),
    path("<int:pk>/tiers/new/", views.TierCreate.as_view(), name="tier_create"),
    path("tiers/<int:pk>/edit/", views.TierEdit.as_view(), name="tier_edit"),
    path("tiers/<int:pk>/delete/", views.TierDelete.as_view(), name="tier_delete"),
    path("tiers/<int:pk>/requirements/", views.RequirementSet.as_view(), name="requirement_set"),
    path(
        "tiers/<int:pk>/requirements/remove/",
        views.RequirementRemove.as_view(),
        name="requirement_remove",
    ),
    path("partnerships/", partnership_views.PartnershipList.as_view(), name="partnership_list"),
    path("evaluations/", evaluation_views.SnapshotList.as_view(), name="snapshot_list"),
    path(
        "evaluations/<int:pk>/", evaluation_views.SnapshotDetail.as_view(), name="snapshot_detail"
    ),
    path("reviews/", evaluation_views.ReviewList.as_view(), name="review_list"),
    path("partners/<int:pk>/", partnership_views.PartnerProgram.as_view(), name="partner_program"),
    path(
        "partnerships/new/",
        partnership_views.PartnershipCreate.as_view(),
        name="partnership_create",
    ),
    path(
        "partnerships/<int:pk>/edit/",
        partnership_views.PartnershipEdit.as_view(),
        name="partnership_edit",
    ),
    path(
        "partnerships/<int:pk>/evaluate/",
        partnership_views.PartnershipEvaluate.as_view(),
        name="partnership_evaluate",
    ),
    path(
        "partnerships/<int:pk>/override/",
        partnership_views.PartnershipOverride.as_view(),
        name="partnership_override",
    ),
    path(
        "partnerships/<int:pk>/score/",
        partnership_views.PartnershipScore.as_view(),
        name="partnership_score",
    ),
    path("reviews/<int:pk>/accept/", evaluation_views.ReviewAccept.as_view(), name="review_accept"),
    path("reviews/<int:pk>/waive/", evaluation_views.ReviewWaive.as_view(), name="review_waive"),
]

portal_urlpatterns = [
    path("program/", portal_views.PortalProgram.as_view(), name="program"),
    path(
        "program/evaluations/<int:pk>/",
        portal_views.PortalSnapshot.as_view(),
        name="program_evaluation",
    ),
]
