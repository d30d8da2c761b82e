from forms.models.documents import DocumentKind, DocumentSequence, IssuedDocument
from forms.models.filled import FilledForm, FilledFormStatus
from forms.models.schemas import FieldKind, FormField, FormRule, FormSchema, RuleKind

__all__ = [
    "DocumentKind",
    "DocumentSequence",
    "FieldKind",
    "FilledForm",
    "FilledFormStatus",
    "FormField",
    "FormRule",
    "FormSchema",
    "IssuedDocument",
    "RuleKind",
]
