from django.urls import path

from licenses import views
from licenses.audit import views as sharing_views
from licenses.consent import views as consent_views

app_name = "licenses"
urlpatterns = [
    path("verify/<str:identifier>", views.verify_page, name="verify-page"),
    path("wallet/", views.wallet, name="wallet"),
    path("wallet/licenses/<str:identifier>/seal.json", views.seal_download, name="seal-download"),
    path("wallet/access-log/", sharing_views.my_access_log, name="my-access-log"),
    path("wallet/consents/", sharing_views.my_consents, name="my-consents"),
    path("wallet/consents/new/", consent_views.grant_page, name="grant-consent"),
    path("wallet/consents/<uuid:reference>/revoke/", sharing_views.revoke_my_consent, name="revoke-consent"),
]
