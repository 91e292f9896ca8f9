from django.urls import path

from openprm.alerts import portal_views, views

app_name = "alerts"

urlpatterns = [
    path("", views.AlertList.as_view(), name="alert_list"),
    path("new/", views.AlertCreate.as_view(), name="alert_create"),
    path("<int:pk>/", views.AlertDetail.as_view(), name="alert_detail"),
    path("<int:pk>/edit/", views.AlertEdit.as_view(), name="alert_edit"),
]

portal_urlpatterns = [
    path("alerts/", portal_views.PortalAlertList.as_view(), name="alert_list"),
    path("alerts/<int:pk>/", portal_views.PortalAlertDetail.as_view(), name="alert_detail"),
    path(
        "alerts/<int:pk>/dismiss/", portal_views.PortalAlertDismiss.as_view(), name="alert_dismiss"
    ),
]
