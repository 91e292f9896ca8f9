from django.urls import path

from openprm.partners import portal_views, views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="partner_list"),
    path("new/", views.partner_create, name="partner_create"),
    path("<int:pk>/", views.partner_detail, name="partner_detail"),
    path("<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    path(
        "<int:pk>/inactivate/",
        views.partner_status,
        {"status": "inactive"},
        name="partner_inactivate",
    ),
    path("<int:pk>/activate/", views.partner_status, {"status": "active"}, name="partner_activate"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("<int:pk>/contacts/existing/", views.contact_add_existing, name="contact_add_existing"),
    path(
        "contacts/<int:pk>/resource/",
        views.contact_promote_to_resource,
        name="contact_promote_to_resource",
    ),
    path("contacts/<int:pk>/user/", views.contact_promote_to_user, name="contact_promote_to_user"),
    path("contacts/<int:pk>/role/", views.contact_role, name="contact_role"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("contacts/<int:pk>/favorite/", views.contact_favorite, name="contact_favorite"),
    path("accounts/<int:account_id>/managed/", views.account_managed, name="account_managed"),
]

portal_urlpatterns = [
    path("organization/", portal_views.organization, name="organization"),
    path("contacts/", portal_views.ContactList.as_view(), name="contact_list"),
    path("contacts/<int:pk>/favorite/", portal_views.contact_favorite, name="contact_favorite"),
    path("users/", portal_views.UserList.as_view(), name="user_list"),
    path("users/<int:pk>/", portal_views.user_edit, name="user_edit"),
    path("invitation/<str:uidb64>/<str:token>/", portal_views.invitation, name="invitation"),
]
"""The partners' pages in the portal; portal.urls mounts them as `portal:…`."""
