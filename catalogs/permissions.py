"""What each role may do with the catalogs (collected by accounts.roles.sync_roles)."""

_MODELS = [
    "region",
    "department",
    "licensetype",
    "facefield",
    "serviceitem",
    "question",
    "materialrequirement",
    # the working-day calendar: policy staff enter the years chinese-calendar does not cover
    "calendarday",
    "calendaryear",
]
_VIEW = [f"catalogs.view_{model}" for model in _MODELS]
_EDIT = [f"catalogs.{action}_{model}" for model in _MODELS for action in ("add", "change", "delete")]

ROLE_PERMISSIONS = {
    "policy_staff": _VIEW + _EDIT + ["catalogs.publish_serviceitem"],
    "handler": _VIEW,
    "issuer": _VIEW,
    "auditor": _VIEW,
}
