"""Month names as the site writes them: lower case in Spanish and Brazilian Portuguese.

Django's own Portuguese catalog capitalises the months ("3 de Dezembro de 2026"), which
European style guides of the 1940s did and Brazilian Portuguese no longer does
("3 de dezembro de 2026", as the CLDR and Babel, hence the core's reports, write it).
The site's catalogs come before Django's on ``LOCALE_PATHS``, so repeating Django's
message ids here (same text, same context) lets ``makemessages`` put them in the site's
``.po`` files, where the lower-case names override Django's for every ``date`` filter,
form and admin page. Nothing imports these tuples but the tests: they exist to be
extracted.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: the names of the ``F`` date format (``DATE_FORMAT``, ``DATETIME_FORMAT``)
MONTHS = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)
#: the names of the ``E`` date format (the month inside a date, in some languages)
MONTHS_ALT = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
#: the names of the ``N`` date format (Associated Press abbreviations)
MONTHS_AP = (
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
)
