from django.urls import path

from openprm.core.views import customfields, lookups, options

app_name = "core"

urlpatterns = [
    path("options/", options.OptionList.as_view(), name="option_list"),
    path("options/<str:code>/", options.option_edit, name="option_edit"),
    path("lookups/", lookups.LookupList.as_view(), name="lookup_list"),
    path("lookups/<str:code>/", lookups.lookup_detail, name="lookup_detail"),
    path("lookups/<str:code>/values/", lookups.lookup_value_add, name="lookup_value_add"),
    path(
        "lookups/<str:code>/values/<int:pk>/", lookups.lookup_value_edit, name="lookup_value_edit"
    ),
    path(
        "lookups/<str:code>/values/<int:pk>/delete/",
        lookups.lookup_value_remove,
        name="lookup_value_delete",
    ),
    path("custom-fields/", customfields.CustomFieldList.as_view(), name="custom_field_list"),
    path("custom-fields/new/", customfields.custom_field_create_view, name="custom_field_create"),
    path("custom-fields/<int:pk>/", customfields.custom_field_edit_view, name="custom_field_edit"),
    path(
        "custom-fields/<int:pk>/delete/",
        customfields.custom_field_delete_view,
        name="custom_field_delete",
    ),
]
