from django.urls import path

from rules import views

app_name = "rules"
urlpatterns = [
    path("rules/try/", views.try_it, name="try"),
]
