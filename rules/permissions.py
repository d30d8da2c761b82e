"""What each role may do with rulesets (collected by accounts.roles.sync_roles)."""

_MODELS = ["ruleset", "rulerow", "rulecondition", "ruletest"]

ROLE_PERMISSIONS = {
    "policy_staff": [
        f"rules.{action}_{model}" for model in _MODELS for action in ("view", "add", "change", "delete")
    ]
    + ["rules.publish_ruleset", "rules.try_ruleset"],
    "handler": [
        "rules.view_ruleset",
        "rules.view_rulerow",
        "rules.view_rulecondition",
        "rules.view_ruletest",
        "rules.try_ruleset",
    ],
    "auditor": [
        "rules.view_ruleset",
        "rules.view_rulerow",
        "rules.view_rulecondition",
        "rules.view_ruletest",
    ],
}
