from django.urls import path

from forms import views

app_name = "forms"
urlpatterns = [
    path("documents/verify/<str:number>", views.verify_document, name="verify-document"),
    path("forms/schemas/<int:pk>/preview/", views.preview_schema, name="preview-schema"),
]
