"""The roles of DESIGN.md as Django groups, with the permissions each one holds.

Each of our apps declares what its models grant to which role in ``<app>/permissions.py``
as ``ROLE_PERMISSIONS = {"policy_staff": ["catalogs.change_serviceitem", ...]}`` (role names as
plain strings, so apps below accounts need not import it). ``sync_roles`` runs after every
migrate (see apps.py) and gives each group exactly the union of those declarations.
"""

from django.contrib.auth.models import Group, Permission

from catalogs.app_modules import project_app_modules

APPLICANT = "applicant"
HANDLER = "handler"
POLICY_STAFF = "policy_staff"
ISSUER = "issuer"
AUDITOR = "auditor"

# held by auditors (and superusers): read every department's licenses, consents and archive packages
SEES_EVERYTHING = "accounts.audit_all"

ROLE_LABELS = {
    APPLICANT: "申请人",
    HANDLER: "审批人员",
    POLICY_STAFF: "目录/规则管理员",
    ISSUER: "发证部门人员",
    AUDITOR: "监管人员",
}


def declared_permissions() -> dict[str, set[str]]:
    declared: dict[str, set[str]] = {role: set() for role in ROLE_LABELS}
    for config, module in project_app_modules("permissions"):
        for role, perms in getattr(module, "ROLE_PERMISSIONS", {}).items():
            if role not in declared:
                raise ValueError(f"{config.name}.permissions names an unknown role {role!r}")
            declared[role].update(perms)
    return declared


def sync_roles() -> None:
    """Create the role groups and give each exactly the permissions declared by the apps."""
    for role, perms in declared_permissions().items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in sorted(perms):
            app_label, codename = perm.split(".", 1)
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found is not None:
                wanted.append(found)
        group.permissions.set(wanted)
