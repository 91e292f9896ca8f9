from django.urls import path

from openprm.teams import views

app_name = "teams"

urlpatterns = [
    path("accounts/<int:pk>/", views.AccountTeam.as_view(), name="account_team"),
    path("accounts/<int:pk>/members/", views.member_add, name="member_add"),
    path("accounts/<int:pk>/members/<int:member_id>/", views.member_update, name="member_update"),
    path(
        "accounts/<int:pk>/members/<int:member_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("resources/", views.resource_picker, name="resource_picker"),
]
