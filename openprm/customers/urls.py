from django.urls import path
from django.views.generic import RedirectView

from openprm.customers import views

app_name = "customers"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="customers:account_list"), name="index"),
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/new/", views.account_create, name="account_create"),
    path("accounts/pick/", views.account_pick, name="account_pick"),
    path("accounts/deleted/", views.deleted_account_list, name="deleted_account_list"),
    path("accounts/<int:pk>/", views.account_detail, name="account_detail"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="account_edit"),
    path("accounts/<int:pk>/delete/", views.account_delete, name="account_delete"),
    path("accounts/<int:pk>/restore/", views.account_restore, name="account_restore"),
    path("accounts/<int:pk>/convert/", views.account_convert, name="account_convert"),
    path("accounts/<int:pk>/notes/", views.note_create, name="note_create"),
    path("accounts/<int:pk>/billing/", views.billing_account_create, name="billing_account_create"),
    path("overview/", views.customer_overview, name="customer_overview"),
    path("legal-entities/", views.legal_entity_list, name="legal_entity_list"),
]
