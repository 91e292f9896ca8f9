from django.urls import path

from openprm.partners import contact_views, views

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
