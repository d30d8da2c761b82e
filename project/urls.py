from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from project import views

admin.site.site_header = _("免证办 · 管理后台")
admin.site.site_title = _("免证办")
admin.site.index_title = _("目录、证照与规则管理")
admin.site.index_template = (
    "admin/mzb_index.html"  # auditors start from the access log and the checks (licenses)
)

api_v1 = [
    path("catalog/", include("catalogs.api_urls")),
    path("", include("licenses.api_urls")),
    path("", include("rules.api_urls")),
    path("", include("forms.api_urls")),
    path("", include("archives.api_urls")),
    path("", include("workflows.api_urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("catalog/", include("catalogs.urls")),
    path("portal/", include("portal.urls")),
    path("messages/", include("notifications.urls")),
    path("", include("licenses.urls")),
    path("", include("rules.urls")),
    path("", include("forms.urls")),
    path("impact/", include("impact.urls")),
    path("workbench/", include("workbench.urls")),
    path("supervision/", include("supervision.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]
