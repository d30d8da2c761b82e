from rest_framework.routers import SimpleRouter

from catalogs import api

router = SimpleRouter()
router.register("regions", api.RegionViewSet, basename="catalog-region")
router.register("departments", api.DepartmentViewSet, basename="catalog-department")
router.register("license-types", api.LicenseTypeViewSet, basename="catalog-license-type")
router.register("service-items", api.ServiceItemViewSet, basename="catalog-service-item")
urlpatterns = router.urls
