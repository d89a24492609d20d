import io

from akcioterulet import demo_biztonsag
from core.testing import factories as f


def test_backup_codes_are_printed_and_rerunning_changes_nothing(db):
    f.FelhasznaloFactory(username="kaposvar_koordinator")
    elso, masodik = io.StringIO(), io.StringIO()
    demo_biztonsag.epit(elso)
    demo_biztonsag.epit(masodik)
    assert "kaposvar_koordinator" in elso.getvalue()
    assert elso.getvalue() == masodik.getvalue()
    assert len(elso.getvalue().split(": ")[1].split(", ")) == demo_biztonsag.DARAB
