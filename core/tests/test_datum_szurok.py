"""``|datum`` and ``|idopont`` write what Django's date filter writes for the same formats, in the current time zone."""

import datetime

import pytest
from django.template import engines
from django.utils import timezone

NAP = engines["django"].from_string('{% load kapocs %}{{ v|datum }}|{{ v|date:"Y. m. d." }}')
IDO = engines["django"].from_string('{% load kapocs %}{{ v|idopont }}|{{ v|date:"Y. m. d. H:i" }}')


@pytest.mark.parametrize(
    "ertek",
    [
        # Just before midnight UTC: already the next day in Budapest, in winter and in summer time.
        datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC),
        datetime.datetime(2026, 7, 1, 22, 5, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 29, 0, 59, tzinfo=datetime.UTC),
        datetime.date(2026, 1, 2),
        None,
        "",
    ],
)
def test_the_hungarian_date_filters_write_what_the_date_filter_writes(ertek, settings):
    assert settings.TIME_ZONE == "Europe/Budapest" and settings.USE_TZ
    datum, django_datum = NAP.render({"v": ertek}).split("|")
    assert datum == django_datum
    if isinstance(ertek, datetime.datetime):
        assert datum == f"{timezone.localtime(ertek):%Y. %m. %d.}"  # the local day, not the UTC one
    if isinstance(ertek, datetime.datetime) or not ertek:
        idopont, django_idopont = IDO.render({"v": ertek}).split("|")
        assert idopont == django_idopont
        assert idopont == (timezone.localtime(ertek).strftime("%Y. %m. %d. %H:%M") if ertek else "")
