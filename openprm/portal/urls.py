from django.urls import path
from django.views.generic import RedirectView

from openprm.portal import views

app_name = "portal"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="home"), name="index"),
    path("organization/", views.organization, name="organization"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/<int:pk>/favorite/", views.contact_favorite, name="contact_favorite"),
    path("users/", views.user_list, name="user_list"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("invitation/<str:uidb64>/<str:token>/", views.invitation, name="invitation"),
]
