from django.urls import path

from openprm.partners import contact_views, portal_views, views

app_name = "partners"

urlpatterns = [
    path("", views.PartnerList.as_view(), name="partner_list"),
    path("new/", views.PartnerCreate.as_view(), name="partner_create"),
    path("<int:pk>/", views.PartnerDetail.as_view(), name="partner_detail"),
    path("<int:pk>/edit/", views.PartnerEdit.as_view(), name="partner_edit"),
    path(
        "<int:pk>/inactivate/",
        views.PartnerStatus.as_view(status="inactive"),
        name="partner_inactivate",
    ),
    path(
        "<int:pk>/activate/", views.PartnerStatus.as_view(status="active"), name="partner_activate"
    ),
    path("<int:pk>/portal/", views.PartnerPortal.as_view(), name="partner_portal"),
    path("<int:pk>/contacts/new/", contact_views.ContactCreate.as_view(), name="contact_create"),
    path(
        "<int:pk>/contacts/existing/",
        contact_views.ContactAddExisting.as_view(),
        name="contact_add_existing",
    ),
    path(
        "contacts/<int:pk>/resource/",
        contact_views.ContactPromoteToResource.as_view(),
        name="contact_promote_to_resource",
    ),
    path(
        "contacts/<int:pk>/user/",
        contact_views.ContactPromoteToUser.as_view(),
        name="contact_promote_to_user",
    ),
    path(
        "contacts/<int:pk>/invitation/",
        contact_views.ContactResendInvitation.as_view(),
        name="contact_resend_invitation",
    ),
    path("contacts/<int:pk>/role/", contact_views.ContactRole.as_view(), name="contact_role"),
    path("contacts/<int:pk>/delete/", contact_views.ContactDelete.as_view(), name="contact_delete"),
    path(
        "contacts/<int:pk>/favorite/",
        contact_views.ContactFavorite.as_view(),
        name="contact_favorite",
    ),
    path(
        "accounts/<int:account_id>/managed/",
        views.AccountManaged.as_view(),
        name="account_managed",
    ),
]

portal_urlpatterns = [
    path("organization/", portal_views.organization, name="organization"),
    path("contacts/", portal_views.ContactList.as_view(), name="contact_list"),
    path("contacts/<int:pk>/", portal_views.ContactDetail.as_view(), name="contact_detail"),
    path("contacts/<int:pk>/favorite/", portal_views.contact_favorite, name="contact_favorite"),
    path("users/", portal_views.UserList.as_view(), name="user_list"),
    path("users/new/", portal_views.UserInvite.as_view(), name="user_invite"),
    path("users/<int:pk>/", portal_views.UserEdit.as_view(), name="user_edit"),
    path("users/<int:pk>/active/", portal_views.UserActive.as_view(), name="user_active"),
    path(
        "users/<int:pk>/invitation/",
        portal_views.UserResendInvitation.as_view(),
        name="user_resend_invitation",
    ),
    path("invitation/<str:token>/", portal_views.invitation, name="invitation"),
]
"""The partners' pages in the portal; portal.urls mounts them as `portal:…`."""
