"""Per-department task permissions for viewflow.

The review task's ``owner_permission`` is ``workflows.review_department_<department id>``: no
Permission row carries it, so only this backend grants it — to an active handler (holding
``workflows.review_case``) of exactly that department. viewflow's queue lists a task when its
permission is in ``user.get_all_permissions()``, and its claim check calls ``user.has_perm``; both come
here, so a handler of department X never sees or claims a task of department Y.
"""

from django.contrib.auth.backends import ModelBackend

PREFIX = "workflows.review_department_"


def department_permission(department_id: int) -> str:
    return f"{PREFIX}{department_id}"


class DepartmentTaskBackend(ModelBackend):
    def authenticate(self, request, **credentials):
        return None  # grants permissions only; never logs anyone in

    def get_all_permissions(self, user_obj, obj=None):
        if (
            obj is not None
            or not user_obj.is_active
            or user_obj.is_anonymous
            or not getattr(user_obj, "department_id", None)
        ):
            return set()
        cache = "_workflows_department_perm_cache"
        if not hasattr(user_obj, cache):
            granted = "workflows.review_case" in super().get_all_permissions(user_obj)
            setattr(user_obj, cache, {department_permission(user_obj.department_id)} if granted else set())
        return getattr(user_obj, cache)

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return perm.startswith(PREFIX) and perm in self.get_all_permissions(user_obj, obj)
