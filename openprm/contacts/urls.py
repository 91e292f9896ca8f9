from django.urls import path

from openprm.contacts import households_views, views

app_name = "contacts"

urlpatterns = [
    path("", views.contact_list, name="contact_list"),
    path("new/", views.contact_create, name="contact_create"),
    path("pick/", views.contact_pick, name="contact_pick"),
    path("saved-searches/", views.saved_search_create, name="saved_search_create"),
    path("saved-searches/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
    path("<int:pk>/", views.contact_detail, name="contact_detail"),
    path("<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("<int:pk>/favorite/", views.contact_favorite, name="contact_favorite"),
    path("<int:pk>/picture/", views.contact_picture, name="contact_picture"),
    path("<int:pk>/picture/upload/", views.contact_picture_upload, name="contact_picture_upload"),
    path("<int:pk>/points/", views.contact_point_add, name="contact_point_add"),
    path("points/<int:pk>/primary/", views.contact_point_primary, name="contact_point_primary"),
    path("points/<int:pk>/delete/", views.contact_point_delete, name="contact_point_delete"),
    path("points/<int:pk>/preferences/", views.preference_add, name="preference_add"),
    path("preferences/<int:pk>/delete/", views.preference_delete, name="preference_delete"),
    path("<int:pk>/relationships/", views.relationship_add, name="relationship_add"),
    path("relationships/<int:pk>/delete/", views.relationship_delete, name="relationship_delete"),
    path(
        "relationships/<int:pk>/primary-point/",
        views.relationship_primary_point,
        name="relationship_primary_point",
    ),
    path("accounts/<int:pk>/", views.account_contacts, name="account_contacts"),
    path("households/", households_views.household_list, name="household_list"),
    path("households/<int:pk>/", households_views.household_detail, name="household_detail"),
    path(
        "households/<int:pk>/delete/",
        households_views.household_delete,
        name="household_delete",
    ),
    path(
        "household-members/<int:pk>/remove/",
        households_views.household_member_remove,
        name="household_member_remove",
    ),
]
