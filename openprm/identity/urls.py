from django.urls import path

from openprm.core.views.pages import shared_page
from openprm.identity import resource_views, role_views, user_views, views

app_name = "identity"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", shared_page(views.SignOutView.as_view()), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create_view, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("users/", user_views.UserList.as_view(), name="user_list"),
    path("users/new/", user_views.UserCreate.as_view(), name="user_create"),
    path("users/<int:pk>/", user_views.UserDetail.as_view(), name="user_detail"),
    path("users/<int:pk>/edit/", user_views.UserEdit.as_view(), name="user_edit"),
    path("users/<int:pk>/active/", user_views.UserSetActive.as_view(), name="user_set_active"),
    path("users/<int:pk>/password/", user_views.UserPassword.as_view(), name="user_password"),
    path("roles/", role_views.RoleList.as_view(), name="role_list"),
    path("roles/<int:pk>/", role_views.RoleEdit.as_view(), name="role_edit"),
    path("resources/", resource_views.ResourceList.as_view(), name="resource_list"),
    path(
        "resources/<int:pk>/manager/",
        resource_views.ResourceManager.as_view(),
        name="resource_manager",
    ),
]
