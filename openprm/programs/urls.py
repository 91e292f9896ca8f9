from django.urls import path

from openprm.programs import analytics_views, views

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
    path("partnerships/", views.PartnershipList.as_view(), name="partnership_list"),
    path("evaluations/", views.SnapshotList.as_view(), name="snapshot_list"),
    path("evaluations/<int:pk>/", views.SnapshotDetail.as_view(), name="snapshot_detail"),
    path("reviews/", views.ReviewList.as_view(), name="review_list"),
    path("partners/<int:pk>/", views.PartnerProgram.as_view(), name="partner_program"),
    path("partnerships/new/", views.PartnershipCreate.as_view(), name="partnership_create"),
    path("partnerships/<int:pk>/edit/", views.PartnershipEdit.as_view(), name="partnership_edit"),
    path(
        "partnerships/<int:pk>/evaluate/",
        views.PartnershipEvaluate.as_view(),
        name="partnership_evaluate",
    ),
    path(
        "partnerships/<int:pk>/override/",
        views.PartnershipOverride.as_view(),
        name="partnership_override",
    ),
    path(
        "partnerships/<int:pk>/score/", views.PartnershipScore.as_view(), name="partnership_score"
    ),
    path("reviews/<int:pk>/accept/", views.ReviewAccept.as_view(), name="review_accept"),
    path("reviews/<int:pk>/waive/", views.ReviewWaive.as_view(), name="review_waive"),
]

portal_urlpatterns = [
    path("program/", views.PortalProgram.as_view(), name="program"),
    path(
        "program/evaluations/<int:pk>/", views.PortalSnapshot.as_view(), name="program_evaluation"
    ),
]
