from django.urls import path

from openprm.orders import asset_views, line_views, portal_views, views

app_name = "orders"

urlpatterns = [
    path("", views.OrderList.as_view(), name="order_list"),
    path("<int:pk>/", views.OrderDetail.as_view(), name="order_detail"),
    path("<int:pk>/submit/", views.OrderSubmit.as_view(), name="order_submit"),
    path("<int:pk>/cancel/", views.OrderCancel.as_view(), name="order_cancel"),
    path("<int:pk>/revise/", views.OrderRevise.as_view(), name="order_revise"),
    path("<int:pk>/fulfil/", views.OrderFulfil.as_view(), name="order_fulfil"),
    path("<int:pk>/products/", line_views.OrderProductPick.as_view(), name="order_product_pick"),
    path("<int:pk>/lines/new/", line_views.OrderLineAdd.as_view(), name="order_line_add"),
    path("<int:pk>/lines/remove/", line_views.OrderLineRemove.as_view(), name="order_line_remove"),
    path(
        "<int:pk>/lines/options/", line_views.OrderLineOptions.as_view(), name="order_line_options"
    ),
    path("assets/<int:pk>/", asset_views.AssetDetail.as_view(), name="asset_detail"),
    path("assets/<int:pk>/modify/", asset_views.AssetModify.as_view(), name="asset_modify"),
    path(
        "assets/<int:pk>/disconnect/",
        asset_views.AssetDisconnect.as_view(),
        name="asset_disconnect",
    ),
    path("accounts/<int:pk>/assets/", views.AccountAssets.as_view(), name="account_assets"),
]

portal_urlpatterns = [
    path(
        "service-profile/",
        portal_views.PortalOwnServiceProfile.as_view(),
        name="own_service_profile",
    ),
    path("orders/", portal_views.PortalOrderList.as_view(), name="order_list"),
    path("orders/<int:pk>/", portal_views.PortalOrderDetail.as_view(), name="order_detail"),
    path("orders/<int:pk>/submit/", portal_views.PortalOrderSubmit.as_view(), name="order_submit"),
    path("orders/<int:pk>/cancel/", portal_views.PortalOrderCancel.as_view(), name="order_cancel"),
    path("orders/<int:pk>/revise/", portal_views.PortalOrderRevise.as_view(), name="order_revise"),
    path(
        "orders/<int:pk>/products/",
        portal_views.PortalOrderProductPick.as_view(),
        name="order_product_pick",
    ),
    path(
        "orders/<int:pk>/lines/new/",
        portal_views.PortalOrderLineAdd.as_view(),
        name="order_line_add",
    ),
    path(
        "orders/<int:pk>/lines/options/",
        portal_views.PortalOrderLineOptions.as_view(),
        name="order_line_options",
    ),
    path(
        "orders/<int:pk>/lines/remove/",
        portal_views.PortalOrderLineRemove.as_view(),
        name="order_line_remove",
    ),
    path("assets/<int:pk>/", asset_views.PortalAssetDetail.as_view(), name="asset_detail"),
    path("assets/<int:pk>/modify/", asset_views.PortalAssetModify.as_view(), name="asset_modify"),
    path(
        "assets/<int:pk>/disconnect/",
        asset_views.PortalAssetDisconnect.as_view(),
        name="asset_disconnect",
    ),
    path(
        "accounts/<int:pk>/service-profile/",
        portal_views.PortalServiceProfile.as_view(),
        name="service_profile",
    ),
]
