"""Time expressions: recognise, resolve against the document date, render as TimeML.

The spaCy component lives in `flashpoint.timex.component` and event anchoring in
`flashpoint.timex.anchor`; both need spaCy, so they are not imported here.
"""

from .calendar import timeml_value
from .normalize import Timex
from .recognize import find_timexes

__all__ = ["Timex", "find_timexes", "timeml_value"]
