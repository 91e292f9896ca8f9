from django.urls import path

from openprm.core.views import exports
from openprm.core.views.pages import shared_page

app_name = "exports"

urlpatterns = [
    path("", shared_page(exports.JobList.as_view()), name="job_list"),
    path("<int:pk>/", shared_page(exports.JobDetail.as_view()), name="job_detail"),
    path("<int:pk>/progress/", shared_page(exports.JobProgress.as_view()), name="job_progress"),
    path("<int:pk>/download/", exports.job_download, name="job_download"),
]
