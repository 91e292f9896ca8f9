from django.urls import path

from openprm.deals import analytics_views, lead_views, opportunity_views, portal_views, views

app_name = "deals"

urlpatterns = [
    path("registrations/", views.RegistrationQueue.as_view(), name="registration_list"),
    path(
        "registrations/<int:pk>/",
        views.RegistrationReview.as_view(),
        name="registration_detail",
    ),
    path(
        "registrations/<int:pk>/approve/",
        views.RegistrationApprove.as_view(),
        name="registration_approve",
    ),
    path(
        "registrations/<int:pk>/return/",
        views.RegistrationReturn.as_view(),
        name="registration_return",
    ),
    path(
        "registrations/<int:pk>/reject/",
        views.RegistrationReject.as_view(),
        name="registration_reject",
    ),
    path(
        "registrations/<int:pk>/extend/",
        views.RegistrationExtend.as_view(),
        name="registration_extend",
    ),
    path(
        "registrations/<int:pk>/cancel/",
        views.RegistrationCancel.as_view(),
        name="registration_cancel",
    ),
    path("opportunities/", opportunity_views.OpportunityList.as_view(), name="opportunity_list"),
    path(
        "opportunities/new/",
        opportunity_views.OpportunityCreate.as_view(),
        name="opportunity_create",
    ),
    path(
        "opportunities/<int:pk>/",
        opportunity_views.OpportunityDetail.as_view(),
        name="opportunity_detail",
    ),
    path(
        "opportunities/<int:pk>/edit/",
        opportunity_views.OpportunityEdit.as_view(),
        name="opportunity_edit",
    ),
    path(
        "opportunities/<int:pk>/stage/",
        opportunity_views.OpportunityStage.as_view(),
        name="opportunity_stage",
    ),
    path(
        "opportunities/<int:pk>/lines/",
        opportunity_views.OpportunityLineAdd.as_view(),
        name="opportunity_line_add",
    ),
    path(
        "opportunities/<int:pk>/people/",
        opportunity_views.OpportunityTeamPick.as_view(),
        name="opportunity_team_pick",
    ),
    path(
        "opportunities/<int:pk>/owners/",
        opportunity_views.OpportunityOwnerPick.as_view(),
        name="opportunity_owner_pick",
    ),
    path(
        "opportunities/new/products/",
        opportunity_views.OpportunityNewProductPick.as_view(),
        name="opportunity_new_product_pick",
    ),
    path(
        "opportunities/<int:pk>/products/",
        opportunity_views.OpportunityProductPick.as_view(),
        name="opportunity_product_pick",
    ),
    path(
        "opportunities/<int:pk>/owner/",
        opportunity_views.OpportunityAssign.as_view(),
        name="opportunity_assign",
    ),
    path(
        "opportunities/<int:pk>/lines/remove/",
        opportunity_views.OpportunityLineRemove.as_view(),
        name="opportunity_line_remove",
    ),
    path(
        "opportunities/<int:pk>/team/",
        opportunity_views.OpportunityTeamAdd.as_view(),
        name="opportunity_team_add",
    ),
    path(
        "opportunities/<int:pk>/team/remove/",
        opportunity_views.OpportunityTeamRemove.as_view(),
        name="opportunity_team_remove",
    ),
    path("partners/<int:pk>/", analytics_views.PartnerDeals.as_view(), name="partner_deals"),
    path("leads/", lead_views.LeadList.as_view(), name="lead_list"),
    path("leads/new/", lead_views.LeadCreate.as_view(), name="lead_create"),
    path("leads/route/", lead_views.LeadRouteBatch.as_view(), name="lead_route_batch"),
    path("leads/<int:pk>/", lead_views.LeadDetail.as_view(), name="lead_detail"),
    path("leads/<int:pk>/route/", lead_views.LeadRoute.as_view(), name="lead_route"),
]

portal_urlpatterns = [
    path(
        "registrations/",
        portal_views.PortalRegistrationList.as_view(),
        name="registration_list",
    ),
    path(
        "registrations/new/",
        portal_views.PortalRegistrationCreate.as_view(),
        name="registration_create",
    ),
    path(
        "registrations/new/products/",
        portal_views.PortalRegistrationProductPick.as_view(),
        name="registration_product_pick",
    ),
    path(
        "registrations/<int:pk>/",
        portal_views.PortalRegistrationDetail.as_view(),
        name="registration_detail",
    ),
    path(
        "registrations/<int:pk>/edit/",
        portal_views.PortalRegistrationEdit.as_view(),
        name="registration_edit",
    ),
    path(
        "registrations/<int:pk>/products/",
        portal_views.PortalRegistrationEditProductPick.as_view(),
        name="registration_edit_product_pick",
    ),
    path(
        "registrations/<int:pk>/submit/",
        portal_views.PortalRegistrationSubmit.as_view(),
        name="registration_submit",
    ),
    path(
        "registrations/<int:pk>/withdraw/",
        portal_views.PortalRegistrationWithdraw.as_view(),
        name="registration_withdraw",
    ),
    path("leads/", portal_views.PortalLeadList.as_view(), name="lead_list"),
    path("leads/<int:pk>/accept/", portal_views.PortalLeadAccept.as_view(), name="lead_accept"),
    path("leads/<int:pk>/decline/", portal_views.PortalLeadDecline.as_view(), name="lead_decline"),
    path("leads/<int:pk>/pass/", portal_views.PortalLeadPass.as_view(), name="lead_pass"),
    path("performance/", analytics_views.PortalPerformance.as_view(), name="performance"),
    path(
        "opportunities/",
        portal_views.PortalOpportunityList.as_view(),
        name="opportunity_list",
    ),
    path(
        "opportunities/<int:pk>/",
        portal_views.PortalOpportunityDetail.as_view(),
        name="opportunity_detail",
    ),
    path(
        "opportunities/<int:pk>/edit/",
        portal_views.PortalOpportunityEdit.as_view(),
        name="opportunity_edit",
    ),
]
