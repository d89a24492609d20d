"""``core.kurzor.peldany``: an instance holding the columns a written-out statement read, as ``.only()`` gives one."""

import datetime
import pickle

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akcioterulet.models import Felhasznalo
from core.kurzor import peldany
from ugyfelek.models import Ugyfel

pytestmark = pytest.mark.django_db


def test_it_holds_the_columns_given_and_no_default_of_the_others():
    ido = datetime.datetime(2026, 5, 1, 10, 0, tzinfo=datetime.UTC)
    mentor = peldany(Felhasznalo, pk=7, username="kiss.eva", first_name="Éva", last_name="Kiss")
    u = peldany(Ugyfel, pk=3, utolso_latogatas=ido, mentor=mentor)
    assert (u.pk, u.utolso_latogatas, u.mentor_id, u.mentor.teljes_nev) == (3, ido, 7, "Kiss Éva")
    # Every other column is left to be read when asked for (none is filled with its default), and the copy kept
    # of it is a quarter of one built with Ugyfel(...).
    assert "csaladi_nev" in u.get_deferred_fields() and "letrehozva" not in u.__dict__
    assert len(pickle.dumps(u)) < len(pickle.dumps(Ugyfel(pk=3, utolso_latogatas=ido, mentor=mentor))) / 2
    assert not u._state.adding
    # A relation left empty: its key and its cache, read without a query.
    nelkule = peldany(Ugyfel, pk=4, mentor=None)
    with CaptureQueriesContext(connection) as q:
        assert nelkule.mentor is None and nelkule.mentor_id is None
    assert len(q) == 0


def test_a_name_no_field_has_raises():
    with pytest.raises(FieldDoesNotExist):
        peldany(Ugyfel, pk=1, nincs_ilyen=2)


def test_a_column_left_out_is_read_when_asked_for(vilag):
    u = peldany(Ugyfel, pk=vilag.ugyfel.pk)
    assert u.csaladi_nev == vilag.ugyfel.csaladi_nev
