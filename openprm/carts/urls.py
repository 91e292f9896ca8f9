from django.urls import path

from openprm.carts import configurator_views, quote_views, views

app_name = "carts"

urlpatterns: list = []  # type: ignore[type-arg]

portal_urlpatterns = [
    path("cart/", views.CartPage.as_view(), name="cart"),
    path("cart/shopping-for/", views.CartShopFor.as_view(), name="cart_shop_for"),
    path("cart/customer-choices/", views.CartContacts.as_view(), name="cart_customer_choices"),
    path("cart/lines/", views.CartLineAdd.as_view(), name="cart_line_add"),
    path("cart/lines/<int:pk>/", views.CartLineUpdate.as_view(), name="cart_line_update"),
    path("cart/lines/<int:pk>/remove/", views.CartLineRemove.as_view(), name="cart_line_remove"),
    path("cart/quote/", views.CartSaveQuote.as_view(), name="cart_quote"),
    path("cart/checkout/", views.CartCheckout.as_view(), name="cart_checkout"),
    path("configurator/<int:pk>/", configurator_views.Configurator.as_view(), name="configurator"),
    path("quotes/", quote_views.QuoteList.as_view(), name="quote_list"),
    path("quotes/<int:pk>/", quote_views.QuoteDetail.as_view(), name="quote_detail"),
    path("quotes/<int:pk>/cart/", quote_views.QuoteToCart.as_view(), name="quote_to_cart"),
    path("quotes/<int:pk>/order/", quote_views.QuoteOrder.as_view(), name="quote_order"),
]
