"""The roles of DESIGN.md as Django groups, with the permissions each one holds.

``sync_roles`` runs after every migrate (see apps.py), so a new permission declared here
reaches existing databases. Apps that add models add their permissions to ROLE_PERMISSIONS.
"""

from django.contrib.auth.models import Group, Permission

APPLICANT = "applicant"
HANDLER = "handler"
POLICY_STAFF = "policy_staff"
ISSUER = "issuer"
AUDITOR = "auditor"

ROLE_LABELS = {
    APPLICANT: "申请人",
    HANDLER: "审批人员",
    POLICY_STAFF: "目录/规则管理员",
    ISSUER: "发证部门人员",
    AUDITOR: "监管人员",
}

_CATALOG_MODELS = ["region", "department", "licensetype", "facefield", "serviceitem", "question", "materialrequirement"]


def _crud(app: str, models: list[str]) -> list[str]:
    return [f"{app}.{action}_{model}" for model in models for action in ("view", "add", "change", "delete")]


def _view(app: str, models: list[str]) -> list[str]:
    return [f"{app}.view_{model}" for model in models]


ROLE_PERMISSIONS: dict[str, list[str]] = {
    APPLICANT: [],
    HANDLER: _view("catalogs", _CATALOG_MODELS),
    POLICY_STAFF: _crud("catalogs", _CATALOG_MODELS) + ["catalogs.publish_serviceitem"],
    ISSUER: _view("catalogs", _CATALOG_MODELS),
    AUDITOR: _view("catalogs", _CATALOG_MODELS),
}


def sync_roles() -> None:
    """Create the role groups and give each exactly the permissions declared above."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found is not None:
                wanted.append(found)
        group.permissions.set(wanted)
