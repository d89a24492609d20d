"""Two writes racing on PostgreSQL, for the tests of what row locks keep right (``egyszerre``)."""

import threading
import time

import pytest
from django.db import connection, connections, transaction


def _egyszerre(elso, masodik):
    """Run ``elso`` and ``masodik`` as two transactions at the same time; ``elso`` commits first.

    ``elso`` runs in a transaction of this thread; while it is still open, ``masodik`` starts in a
    transaction of its own, in another thread (another connection), and gets as far as it can, that
    is, waits for the rows ``elso`` has locked. Then ``elso`` commits, and ``masodik`` finishes.
    An error of ``masodik`` (or its not finishing) fails the test: otherwise the state ``elso`` alone
    leaves would pass for the outcome of the race.
    """
    varakozik = threading.Event()
    hibak = []

    def masik_szal():
        try:
            with transaction.atomic():
                varakozik.set()
                masodik()
        except BaseException as exc:  # noqa: BLE001 - raised again in the test's thread below
            hibak.append(exc)
        finally:
            connections.close_all()

    with transaction.atomic():
        elso()
        masik = threading.Thread(target=masik_szal)
        masik.start()
        varakozik.wait(5)
        time.sleep(0.3)  # the other one is now waiting for the rows this one locked
    masik.join(10)
    assert not masik.is_alive(), "the second write did not finish within 10 s"
    if hibak:
        raise hibak[0]


@pytest.fixture
def egyszerre():
    """``egyszerre(elso, masodik)``: two writes racing (see ``_egyszerre``); skips the test off PostgreSQL.

    For a test marked ``postgres`` and ``django_db(transaction=True)``: each write commits for real,
    the second on a connection of its own.
    """
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time.")
    return _egyszerre
