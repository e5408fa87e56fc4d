"""Pages of the policies app: public reading, acceptance, and the staff pages under fixed paths.

Views are thin: reads come from `selectors` (which answer 404 for anything hidden), and every
POST validates a form, calls one service, turns its ValidationError into messages or form
errors, and redirects.
"""

from .compliance import ComplianceExportView, ComplianceView, PaperAcknowledgementView, ScanDownloadView
from .exceptions import ExceptionActionView, ExceptionCreateView, ExceptionDetailView, ExceptionListView
from .reading import AcceptView, DocumentDetailView, MineView, PolicyListView, VersionDetailView, VersionPdfView
from .reviews import ReviewListView, ReviewRecordView
from .workflow import VersionActionView, WorkflowView

__all__ = [
    "AcceptView",
    "ComplianceExportView",
    "ComplianceView",
    "DocumentDetailView",
    "ExceptionActionView",
    "ExceptionCreateView",
    "ExceptionDetailView",
    "ExceptionListView",
    "MineView",
    "PaperAcknowledgementView",
    "PolicyListView",
    "ReviewListView",
    "ReviewRecordView",
    "ScanDownloadView",
    "VersionActionView",
    "VersionDetailView",
    "VersionPdfView",
    "WorkflowView",
]
