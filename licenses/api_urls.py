from django.urls import path

from licenses import api
from licenses.audit import api as audit_api
from licenses.consent import api as consent_api
from licenses.gateway import api as gateway_api
from licenses.registry import api as registry_api

app_name = "licenses-api"
urlpatterns = [
    path("verify/<str:identifier>", api.PublicVerifyView.as_view(), name="verify"),
    path("trust-list.json", api.TrustListView.as_view(), name="trust-list"),
    path("me/licenses/", api.MyLicensesView.as_view(), name="my-licenses"),
    path("me/licenses/<str:identifier>/seal/", api.MySealExportView.as_view(), name="my-seal-export"),
    path("me/access-log/", audit_api.MyAccessLogView.as_view(), name="my-access-log"),
    path("me/consents/", consent_api.MyConsentsView.as_view(), name="my-consents"),
    path("me/consents/preview/", consent_api.ConsentPreviewView.as_view(), name="consent-preview"),
    path("me/consents/<uuid:reference>/", consent_api.MyConsentView.as_view(), name="my-consent"),
    path(
        "me/consents/<uuid:reference>/revoke/",
        consent_api.RevokeMyConsentView.as_view(),
        name="revoke-consent",
    ),
    path("consents/", consent_api.GrantedConsentsView.as_view(), name="granted-consents"),
    path("gateway/query/", gateway_api.GatewayQueryView.as_view(), name="gateway-query"),
    path("gateway/retrieve/", gateway_api.GatewayRetrieveView.as_view(), name="gateway-retrieve"),
    path("gateway/verify/", gateway_api.GatewayVerifyView.as_view(), name="gateway-verify"),
    path("registry/node", registry_api.RegistryNodeView.as_view(), name="registry-node"),
    path("registry/query/", registry_api.RegistryQueryView.as_view(), name="registry-query"),
    path("registry/retrieve/", registry_api.RegistryRetrieveView.as_view(), name="registry-retrieve"),
    path("registry/verify/", registry_api.RegistryVerifyView.as_view(), name="registry-verify"),
    path(
        "registry/consents/<uuid:reference>/revoke/",
        registry_api.RegistryRevokeConsentView.as_view(),
        name="registry-revoke-consent",
    ),
    path("licenses/", api.IssuerLicensesView.as_view(), name="licenses"),
    path("licenses/<int:pk>/versions/", api.LicenseVersionsView.as_view(), name="license-versions"),
    path("licenses/<int:pk>/status/", api.LicenseStatusView.as_view(), name="license-status"),
]
