from django.urls import path
from django.views.generic import RedirectView

from openprm.customers import deleted_views, views

app_name = "customers"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="customers:account_list"), name="index"),
    path("accounts/", views.AccountList.as_view(), name="account_list"),
    path("accounts/new/", views.AccountCreate.as_view(), name="account_create"),
    path("accounts/pick/", views.account_pick, name="account_pick"),
    path(
        "accounts/deleted/", deleted_views.DeletedAccountList.as_view(), name="deleted_account_list"
    ),
    path("accounts/<int:pk>/", views.AccountDetail.as_view(), name="account_detail"),
    path("accounts/<int:pk>/edit/", views.AccountEdit.as_view(), name="account_edit"),
    path("accounts/<int:pk>/delete/", views.AccountDelete.as_view(), name="account_delete"),
    path("accounts/<int:pk>/restore/", deleted_views.account_restore, name="account_restore"),
    path("accounts/<int:pk>/convert/", views.AccountConvert.as_view(), name="account_convert"),
    path("accounts/<int:pk>/notes/", views.NoteCreate.as_view(), name="note_create"),
    path(
        "accounts/<int:pk>/billing/",
        views.BillingAccountCreate.as_view(),
        name="billing_account_create",
    ),
    path("overview/", views.CustomerOverview.as_view(), name="customer_overview"),
    path("legal-entities/", views.LegalEntityList.as_view(), name="legal_entity_list"),
]
