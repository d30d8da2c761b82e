from django.urls import path

from catalogs import views

app_name = "catalogs"
urlpatterns = [
    path("issuing/", views.issuing_list, name="issuing-list"),
    path("issuing.<str:fmt>", views.issuing_download, name="issuing-download"),
    path("usage/", views.usage_list, name="usage-list"),
    path("usage.<str:fmt>", views.usage_download, name="usage-download"),
    path("items/<str:code>/", views.service_item_detail, name="service-item"),
]
