from django.urls import path

from openprm.territories import account_views, views

app_name = "territories"

urlpatterns = [
    path("", views.TerritoryList.as_view(), name="territory_list"),
    path("new/", views.TerritoryCreate.as_view(), name="territory_create"),
    path("<int:pk>/", views.TerritoryDetail.as_view(), name="territory_detail"),
    path("<int:pk>/edit/", views.TerritoryEdit.as_view(), name="territory_edit"),
    path("<int:pk>/delete/", views.territory_delete, name="territory_delete"),
    path("<int:pk>/criteria/", views.CriterionAdd.as_view(), name="criterion_add"),
    path(
        "<int:pk>/criteria/<int:criterion_id>/remove/",
        views.criterion_remove,
        name="criterion_remove",
    ),
    path("<int:pk>/members/", views.MemberAdd.as_view(), name="member_add"),
    path("<int:pk>/members/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path(
        "accounts/<int:pk>/",
        account_views.AccountTerritories.as_view(),
        name="account_territories",
    ),
    path("accounts/<int:pk>/assign/", account_views.account_assign, name="account_assign"),
    path(
        "accounts/<int:pk>/partner/",
        account_views.account_add_partner,
        name="account_add_partner",
    ),
    path("realignment/", views.realignment, name="realignment"),
    path("realignment/<int:pk>/", views.realignment_detail, name="realignment_detail"),
]
