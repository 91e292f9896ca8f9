from django.urls import path

from openprm.catalog import portal_views, views

app_name = "catalog"

urlpatterns = [
    path("", views.ProductList.as_view(), name="product_list"),
    path("new/", views.ProductCreate.as_view(), name="product_create"),
    path("<int:pk>/", views.ProductEdit.as_view(), name="product_detail"),
    path("<int:pk>/components/new/", views.ComponentAdd.as_view(), name="component_add"),
    path("<int:pk>/options/new/", views.OptionAdd.as_view(), name="option_add"),
    path("<int:pk>/attributes/new/", views.AttributeSet.as_view(), name="attribute_set"),
    path("price-lists/", views.PriceListList.as_view(), name="price_list_list"),
    path("price-lists/new/", views.PriceListCreate.as_view(), name="price_list_create"),
    path("price-lists/<int:pk>/", views.PriceListEdit.as_view(), name="price_list_detail"),
    path("price-lists/<int:pk>/items/new/", views.ItemSet.as_view(), name="item_set"),
]

portal_urlpatterns = [
    path("catalog/", portal_views.PortalCatalog.as_view(), name="catalog"),
]
