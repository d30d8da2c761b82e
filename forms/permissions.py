"""What each role may do with form schemas and documents."""

_SCHEMA = ["formschema", "formfield", "formrule"]

ROLE_PERMISSIONS = {
    "policy_staff": [
        f"forms.{action}_{model}" for model in _SCHEMA for action in ("view", "add", "change", "delete")
    ],
    "handler": ["forms.view_formschema", "forms.view_filledform", "forms.view_issueddocument"],
    "auditor": ["forms.view_formschema", "forms.view_filledform", "forms.view_issueddocument"],
}
