from django.urls import path

from openprm.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.JobList.as_view(), name="job_list"),
    path("new/", views.job_new, name="job_new"),
    path("<int:pk>/", views.JobDetail.as_view(), name="job_detail"),
    path("<int:pk>/mapping/", views.job_mapping, name="job_mapping"),
    path("<int:pk>/values/", views.job_values, name="job_values"),
    path("<int:pk>/progress/", views.JobProgress.as_view(), name="job_progress"),
    path("<int:pk>/cancel/", views.JobCancel.as_view(), name="job_cancel"),
    path("<int:pk>/import/", views.JobImport.as_view(), name="job_import"),
    path("<int:pk>/rejects.csv", views.job_rejects, name="job_rejects"),
    path("<int:pk>/warnings.csv", views.job_warnings, name="job_warnings"),
]
