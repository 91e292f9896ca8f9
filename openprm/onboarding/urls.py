from django.urls import path

from openprm.onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("", views.PartnerSetupList.as_view(), name="setup"),
    path("partners/<int:pk>/", views.PartnerSetup.as_view(), name="partner_setup"),
]
