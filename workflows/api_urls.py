from django.urls import path

from workflows import api

app_name = "workflows-api"
urlpatterns = [
    path("cases/", api.CasesView.as_view(), name="cases"),
    path("cases/requirements/", api.RequirementsView.as_view(), name="requirements"),
    path("cases/queue/", api.QueueView.as_view(), name="queue"),
    path("cases/window/", api.WindowStartView.as_view(), name="window-start"),
    path("cases/<int:pk>/", api.CaseView.as_view(), name="case-detail"),
    path("cases/<int:pk>/status/", api.CaseStatusView.as_view(), name="case-status"),
    path("cases/<int:pk>/consent/", api.ConsentView.as_view(), name="case-consent"),
    path("cases/<int:pk>/form/", api.FormView.as_view(), name="case-form"),
    path("cases/<int:pk>/uploads/", api.UploadsView.as_view(), name="case-uploads"),
    path("cases/<int:pk>/uploads/<int:upload_pk>/", api.UploadView.as_view(), name="case-upload"),
    path(
        "cases/<int:pk>/uploads/<int:upload_pk>/file", api.UploadFileView.as_view(), name="case-upload-file"
    ),
    path("cases/<int:pk>/submit/", api.SubmitView.as_view(), name="case-submit"),
    path("cases/<int:pk>/resubmit/", api.ResubmitView.as_view(), name="case-resubmit"),
    path("cases/<int:pk>/withdraw/", api.WithdrawView.as_view(), name="case-withdraw"),
    path("cases/<int:pk>/documents/", api.DocumentsView.as_view(), name="case-documents"),
    path("cases/<int:pk>/documents/<int:slot_pk>/pdf", api.DocumentFileView.as_view(), name="case-document"),
    path("cases/<int:pk>/rating/", api.RatingView.as_view(), name="case-rating"),
    path("cases/<int:pk>/claim/", api.ClaimView.as_view(), name="case-claim"),
    path("cases/<int:pk>/unclaim/", api.UnclaimView.as_view(), name="case-unclaim"),
    path("cases/<int:pk>/approve/", api.ApproveView.as_view(), name="case-approve"),
    path("cases/<int:pk>/reject/", api.RejectView.as_view(), name="case-reject"),
    path(
        "cases/<int:pk>/request-supplement/",
        api.SupplementRequestView.as_view(),
        name="case-request-supplement",
    ),
    path("cases/<int:pk>/inspection/", api.InspectionView.as_view(), name="case-inspection"),
]
