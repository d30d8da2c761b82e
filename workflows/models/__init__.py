from .case import (
    APPLICANT_STATES,
    CLOCK_STATES,
    OPEN_STATES,
    Case,
    CaseCounter,
    CaseQuerySet,
    CaseState,
    Channel,
    Decision,
    Route,
)
from .rating import POOR_LEVELS, Rating, RatingLevel, Rectification, RectificationState
from .records import CaseDocument, CaseEvent, CaseLicense, CaseUpload, EventChannel, FetchState, SiteInspection, upload_storage

__all__ = [
    "APPLICANT_STATES", "CLOCK_STATES", "OPEN_STATES", "POOR_LEVELS", "Case", "CaseCounter", "CaseDocument", "CaseEvent",
    "CaseLicense", "CaseQuerySet", "CaseState", "CaseUpload", "Channel", "Decision", "EventChannel", "FetchState", "Rating",
    "RatingLevel", "Rectification", "RectificationState", "Route", "SiteInspection", "upload_storage",
]
