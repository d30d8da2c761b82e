from django.urls import path

from licenses import views

app_name = "licenses"
urlpatterns = [
    path("verify/<str:identifier>", views.verify_page, name="verify-page"),
    path("wallet/", views.wallet, name="wallet"),
]
