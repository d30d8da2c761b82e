from django.urls import path

from impact import views

app_name = "impact"
urlpatterns = [
    path("", views.run_list, name="list"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/progress.json", views.progress, name="progress"),
    path("<int:pk>/changed.csv", views.export_csv, name="export"),
]
