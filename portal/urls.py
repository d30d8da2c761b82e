from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.guide, name="guide"),
    path("items/<str:code>/", views.item, name="item"),
    path("items/<str:code>/prepare/", views.prepare, name="prepare"),
    path("cases/", views.case_list, name="my-cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/progress/", views.case_progress, name="progress"),
    path("cases/<int:pk>/status.json", views.case_status, name="status"),
    path("cases/<int:pk>/consent/", views.case_consent, name="consent"),
    path("cases/<int:pk>/fill/", views.case_fill, name="fill"),
    path("cases/<int:pk>/supplement/", views.case_supplement, name="supplement"),
    path("cases/<int:pk>/withdraw/", views.case_withdraw, name="withdraw"),
    path("cases/<int:pk>/rating/", views.case_rate, name="rate"),
    path("elderly/", views.elderly, name="elderly"),
]
