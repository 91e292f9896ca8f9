from django.urls import path

from openprm.territories import views

app_name = "territories"

urlpatterns = [
    path("", views.territory_list, name="territory_list"),
    path("new/", views.territory_create, name="territory_create"),
    path("<int:pk>/", views.territory_detail, name="territory_detail"),
    path("<int:pk>/edit/", views.territory_edit, name="territory_edit"),
    path("<int:pk>/delete/", views.territory_delete, name="territory_delete"),
    path("<int:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path(
        "<int:pk>/criteria/<int:criterion_id>/remove/",
        views.criterion_remove,
        name="criterion_remove",
    ),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path("accounts/<int:pk>/", views.account_territories, name="account_territories"),
    path("accounts/<int:pk>/assign/", views.account_assign, name="account_assign"),
    path("accounts/<int:pk>/partner/", views.account_add_partner, name="account_add_partner"),
    path("realignment/", views.realignment, name="realignment"),
    path("realignment/<int:pk>/", views.realignment_detail, name="realignment_detail"),
]
