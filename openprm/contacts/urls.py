from django.urls import path

from openprm.contacts import households_views, point_views, relationship_views, views

app_name = "contacts"

urlpatterns = [
    path("", views.ContactList.as_view(), name="contact_list"),
    path("new/", views.ContactCreate.as_view(), name="contact_create"),
    path("pick/", views.contact_pick, name="contact_pick"),
    path("saved-searches/", views.saved_search_create, name="saved_search_create"),
    path(
        "saved-searches/<int:pk>/delete/",
        views.SavedSearchDelete.as_view(),
        name="saved_search_delete",
    ),
    path("<int:pk>/", views.ContactDetail.as_view(), name="contact_detail"),
    path("<int:pk>/edit/", views.ContactEdit.as_view(), name="contact_edit"),
    path("<int:pk>/delete/", views.ContactDelete.as_view(), name="contact_delete"),
    path("<int:pk>/favorite/", views.contact_favorite, name="contact_favorite"),
    path("<int:pk>/picture/", views.contact_picture, name="contact_picture"),
    path(
        "<int:pk>/picture/upload/",
        views.ContactPictureUpload.as_view(),
        name="contact_picture_upload",
    ),
    path("<int:pk>/points/", point_views.ContactPointAdd.as_view(), name="contact_point_add"),
    path(
        "points/<int:pk>/primary/",
        point_views.ContactPointPrimary.as_view(),
        name="contact_point_primary",
    ),
    path(
        "points/<int:pk>/delete/",
        point_views.ContactPointDelete.as_view(),
        name="contact_point_delete",
    ),
    path(
        "points/<int:pk>/preferences/", point_views.PreferenceAdd.as_view(), name="preference_add"
    ),
    path(
        "preferences/<int:pk>/delete/",
        point_views.PreferenceDelete.as_view(),
        name="preference_delete",
    ),
    path(
        "<int:pk>/relationships/",
        relationship_views.RelationshipAdd.as_view(),
        name="relationship_add",
    ),
    path(
        "relationships/<int:pk>/delete/",
        relationship_views.RelationshipDelete.as_view(),
        name="relationship_delete",
    ),
    path(
        "relationships/<int:pk>/primary-point/",
        relationship_views.RelationshipPrimaryPoint.as_view(),
        name="relationship_primary_point",
    ),
    path(
        "accounts/<int:account_id>/",
        relationship_views.AccountContacts.as_view(),
        name="account_contacts",
    ),
    path("households/", households_views.HouseholdList.as_view(), name="household_list"),
    path(
        "households/<int:pk>/",
        households_views.HouseholdDetail.as_view(),
        name="household_detail",
    ),
    path(
        "households/<int:pk>/delete/",
        households_views.HouseholdDelete.as_view(),
        name="household_delete",
    ),
    path(
        "household-members/<int:pk>/remove/",
        households_views.HouseholdMemberRemove.as_view(),
        name="household_member_remove",
    ),
]
