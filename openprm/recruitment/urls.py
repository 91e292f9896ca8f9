from django.urls import path

from openprm.recruitment import public_views, views

app_name = "recruitment"

urlpatterns = [
    path("applications/", views.ApplicationList.as_view(), name="application_list"),
    path("applications/<int:pk>/", views.ApplicationDetail.as_view(), name="application_detail"),
    path(
        "applications/<int:pk>/review/",
        views.ApplicationReview.as_view(),
        name="application_review",
    ),
    path(
        "applications/<int:pk>/request-info/",
        views.ApplicationRequestInfo.as_view(),
        name="application_request_info",
    ),
    path("applications/<int:pk>/link/", views.ApplicationLink.as_view(), name="application_link"),
    path(
        "applications/<int:pk>/approve/",
        views.ApplicationApprove.as_view(),
        name="application_approve",
    ),
    path(
        "applications/<int:pk>/reject/",
        views.ApplicationReject.as_view(),
        name="application_reject",
    ),
    path("campaigns/", views.CampaignList.as_view(), name="campaign_list"),
    path("campaigns/new/", views.CampaignCreate.as_view(), name="campaign_create"),
    path("campaigns/<int:pk>/", views.CampaignEdit.as_view(), name="campaign_edit"),
]

portal_urlpatterns = [
    path("become-a-partner/", public_views.become_partner, name="become_partner"),
    path("become-a-partner/<str:code>/", public_views.apply, name="apply"),
    path(
        "applications/<str:token>/",
        public_views.application_status,
        name="application_status",
    ),
    path(
        "applications/<str:token>/answer/",
        public_views.application_answer,
        name="application_answer",
    ),
    path(
        "applications/<str:token>/withdraw/",
        public_views.application_withdraw,
        name="application_withdraw",
    ),
]
