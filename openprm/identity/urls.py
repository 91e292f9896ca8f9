from django.urls import path

from openprm.core.views.pages import shared_page
from openprm.identity import views

app_name = "identity"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", shared_page(views.SignOutView.as_view()), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create_view, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create_view, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", views.user_edit_view, name="user_edit"),
    path("users/<int:pk>/active/", views.user_set_active_view, name="user_set_active"),
    path("users/<int:pk>/password/", views.user_password_view, name="user_password"),
    path("roles/", views.role_list, name="role_list"),
    path("roles/<int:pk>/", views.role_edit, name="role_edit"),
    path("resources/", views.resource_list, name="resource_list"),
    path("resources/<int:pk>/manager/", views.resource_manager_view, name="resource_manager"),
]
