from django.urls import path

from supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("statistics/<str:table>.<str:fmt>", views.statistics_download, name="statistics-download"),
    path("overdue/", views.overdue, name="overdue"),
    path("overdue.<str:fmt>", views.overdue_download, name="overdue-download"),
    path("rectifications/", views.rectifications, name="rectifications"),
    path("rectifications.<str:fmt>", views.rectifications_download, name="rectifications-download"),
]
