"""What each role may do with cases (collected by accounts.roles.sync_roles).

Handlers review their own department's cases only: the review task's permission names the department
(``workflows.auth``), so viewflow's queue and claim check scope it. Nobody is given viewflow's
flow-wide ``view_case`` except the auditor, who supervises everything (and no applicant ever).
"""

ROLE_PERMISSIONS = {
    "handler": ["workflows.review_case", "workflows.start_window_case"],
    "auditor": [
        "workflows.supervise_case",
        "workflows.view_case",
        "workflows.view_caseevent",
        "workflows.view_rating",
        "workflows.view_rectification",
        "workflows.change_rectification",
    ],
}
