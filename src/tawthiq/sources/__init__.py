"""Sources at risk: contact log, expected check-ins, farewell messages. Pure; never writes.

The activists who "went silent" are found, not forgotten: every protected source may carry an
expected check-in interval; each message ingested from it counts as contact; a message that reads
as a farewell raises its priority. All of it is protected data (admins and documenters only).
"""

from tawthiq.sources._contacts import contact_time, message_contacts
from tawthiq.sources._farewell import farewell_signal
from tawthiq.sources._overdue import LONG_OVERDUE_DAYS, OverdueSource, SourceCheckin, overdue_sources

__all__ = [
    "LONG_OVERDUE_DAYS",
    "OverdueSource",
    "SourceCheckin",
    "contact_time",
    "farewell_signal",
    "message_contacts",
    "overdue_sources",
]
