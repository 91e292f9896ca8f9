from django.urls import path

from openprm.core.views import exports

app_name = "exports"

urlpatterns = [
    path("", exports.job_list, name="job_list"),
    path("<int:pk>/", exports.job_detail, name="job_detail"),
    path("<int:pk>/progress/", exports.job_progress, name="job_progress"),
    path("<int:pk>/download/", exports.job_download, name="job_download"),
]
