import pytest
from django.utils.formats import number_format

from core.pagination import GyorsPaginator
from core.testing import factories as f
from ugyfelek.models import Ugyfel


@pytest.fixture
def ugyfelek(projekt_a):
    return [f.UgyfelFactory(projekt=projekt_a, csaladi_nev=f"Név{i:02d}") for i in range(12)]


def _qs():
    return Ugyfel.objects.order_by("csaladi_nev", "id")


@pytest.mark.django_db
def test_count_is_exact_under_the_limit(ugyfelek):
    p = GyorsPaginator(_qs(), 5, korlat=100)
    assert p.count == 12
    assert p.pontos is True
    assert p.num_pages == 3
    assert p.talalatok == "12"


@pytest.mark.django_db
def test_count_stops_at_the_limit_and_says_so(ugyfelek):
    p = GyorsPaginator(_qs(), 5, korlat=10)
    assert p.count == 10
    assert p.pontos is False
    assert p.num_pages == 2
    assert p.talalatok == f"több mint {number_format(10, force_grouping=True)}"


@pytest.mark.django_db
def test_pages_hold_the_rows_in_list_order(ugyfelek):
    p = GyorsPaginator(_qs(), 5)
    assert [u.csaladi_nev for u in p.page(1)] == [f"Név{i:02d}" for i in range(5)]
    assert [u.csaladi_nev for u in p.page(3)] == ["Név10", "Név11"]
    assert p.page(3).has_next() is False


@pytest.mark.django_db
def test_orphans_join_the_last_page(ugyfelek):
    p = GyorsPaginator(_qs(), 5, orphans=2)
    assert p.num_pages == 2
    assert len(p.page(2)) == 7


@pytest.mark.django_db
def test_empty_list_has_an_empty_first_page(projekt_a):
    p = GyorsPaginator(_qs(), 5)
    assert p.count == 0
    assert list(p.page(1)) == []


def test_a_plain_list_is_paginated_as_django_does():
    p = GyorsPaginator(list(range(12)), 5)
    assert p.count == 12
    assert list(p.page(3)) == [10, 11]


@pytest.mark.django_db
def test_a_page_costs_three_queries_whatever_the_size(projekt_a, django_assert_num_queries):
    for db in (3, 40):
        while Ugyfel.objects.count() < db:
            f.UgyfelFactory(projekt=projekt_a)
        p = GyorsPaginator(_qs().select_related("projekt"), 25)
        # The capped count, the ids of the page, the rows of the page.
        with django_assert_num_queries(3):
            [u.projekt.kod for u in p.page(1)]


@pytest.mark.django_db
def test_count_reads_the_ids_alone_whatever_the_rows_are_annotated_with(ugyfelek):
    from django.db import connection
    from django.db.models import Value
    from django.test.utils import CaptureQueriesContext

    p = GyorsPaginator(_qs().annotate(jelzo=Value("x")), 5)
    with CaptureQueriesContext(connection) as lekerdezesek:
        assert p.count == 12
    assert "jelzo" not in lekerdezesek.captured_queries[0]["sql"]


@pytest.mark.django_db
def test_rows_are_read_by_id_from_the_unfiltered_queryset_when_given(ugyfelek):
    """The filters pick the ids; the rows come from ``sorok`` by id alone, in list order."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    szurt = _qs().filter(csaladi_nev__contains="Név1")
    p = GyorsPaginator(szurt, 5, sorok=_qs().only("csaladi_nev"))
    with CaptureQueriesContext(connection) as lekerdezesek:
        oldal = p.page(1)
    assert [u.csaladi_nev for u in oldal] == ["Név10", "Név11"]
    sorok_sql = lekerdezesek.captured_queries[-1]["sql"]
    assert "IN (" in sorok_sql and "LIKE" not in sorok_sql.upper()


@pytest.mark.django_db
def test_reading_ahead_counts_as_far_as_the_pages_past_the_one_asked_for(ugyfelek):
    """``elore``: the count and the ids in one query, ``elore`` pages past the page asked for (at most ``korlat``)."""
    p = GyorsPaginator(_qs(), 5, elore=1)
    oldal = p.page(1)
    assert [u.csaladi_nev for u in oldal] == [f"Név{i:02d}" for i in range(5)]
    assert (p.count, p.pontos, p.num_pages, p.talalatok) == (10, False, 2, "több mint 10")
    # Further on it reads further: page 2 sees the end of the list.
    p = GyorsPaginator(_qs(), 5, elore=1)
    oldal = p.page(2)
    assert [u.csaladi_nev for u in oldal] == [f"Név{i:02d}" for i in range(5, 10)]
    assert (p.count, p.pontos, p.num_pages) == (12, True, 3)
    assert [u.csaladi_nev for u in GyorsPaginator(_qs(), 5, elore=1).page(3)] == ["Név10", "Név11"]
    # Never past the limit.
    p = GyorsPaginator(_qs(), 5, elore=5, korlat=7)
    p.page(1)
    assert (p.count, p.pontos) == (7, False)


@pytest.mark.django_db
def test_reading_ahead_costs_two_queries_and_refuses_what_django_refuses(ugyfelek, django_assert_num_queries):
    from django.core.paginator import EmptyPage, PageNotAnInteger

    with django_assert_num_queries(2):
        # The ids with the count, the rows of the page.
        [u.csaladi_nev for u in GyorsPaginator(_qs(), 5, elore=3).page(2)]
    with pytest.raises(PageNotAnInteger):
        GyorsPaginator(_qs(), 5, elore=1).page("x")
    with pytest.raises(EmptyPage):
        GyorsPaginator(_qs(), 5, elore=1).page(4)
    assert GyorsPaginator(_qs(), 5, elore=1).get_page("x").number == 1
