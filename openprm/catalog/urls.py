from django.urls import path

from openprm.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.ProductList.as_view(), name="product_list"),
    path("new/", views.ProductCreate.as_view(), name="product_create"),
    path("<int:pk>/", views.ProductEdit.as_view(), name="product_detail"),
]
