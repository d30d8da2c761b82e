from django.urls import path

from workbench import views, window

app_name = "workbench"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("mine/", views.queue, {"mine": True}, name="mine"),
    path("claim/", views.bulk_claim, name="bulk-claim"),
    path("cases/<int:pk>/", views.case_page, name="case"),
    path("cases/<int:pk>/<slug:action>/", views.act, name="act"),
    path("window/", window.start, name="window"),
    path("window/<str:service_code>/", window.start_item, name="window-item"),
    path("window/cases/<int:pk>/", window.window_case, name="window-case"),
    path("window/cases/<int:pk>/consent/", window.consent, name="window-consent"),
    path("window/cases/<int:pk>/upload/", window.upload, name="window-upload"),
    path("window/cases/<int:pk>/submit/", window.submit, name="window-submit"),
    path("window/cases/<int:pk>/resubmit/", window.resubmit, name="window-resubmit"),
]
