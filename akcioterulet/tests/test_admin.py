"""The Django admin shows a non-superuser staff coordinator only the records of their own projects."""

import pytest
from django.contrib.auth.models import Permission

from akcioterulet.models import Szerep
from core.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_koordinator(projekt_a):
    user = f.FelhasznaloFactory(username="staff_koordinator", is_staff=True)
    f.TagsagFactory(projekt=projekt_a, felhasznalo=user, szerep=Szerep.KOORDINATOR)
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    return user


@pytest.mark.parametrize(
    "url, modell",
    [
        ("/admin/akcioterulet/projekt/", "projekt"),
        ("/admin/akcioterulet/akcioterulet/", "akcioterulet"),
        ("/admin/akcioterulet/tagsag/", "tagsag"),
    ],
)
def test_staff_coordinator_sees_only_own_project_in_admin_changelist(
    client_as, staff_koordinator, projekt_a, projekt_b, mentor_b, url, modell
):
    sajat = {"projekt": projekt_a, "akcioterulet": None, "tagsag": None}
    a_terulet = f.AkcioTeruletFactory(projekt=projekt_a, nev="Saját terület")
    b_terulet = f.AkcioTeruletFactory(projekt=projekt_b, nev="Idegen terület")
    sajat.update(akcioterulet=a_terulet, tagsag=staff_koordinator.tagsagok.get())
    idegen = {"projekt": projekt_b, "akcioterulet": b_terulet, "tagsag": mentor_b.tagsagok.get()}

    resp = client_as(staff_koordinator).get(url)

    assert resp.status_code == 200
    latott = set(resp.context["cl"].result_list)
    assert sajat[modell] in latott
    assert idegen[modell] not in latott
