from django.urls import path

from forms import api

urlpatterns = [
    path("forms/schemas/<str:code>/", api.CurrentSchemaView.as_view(), name="forms-current-schema"),
    path("forms/statistics/", api.PrefillStatisticsView.as_view(), name="forms-prefill-statistics"),
]
