import datetime

from core.testing.jelenlet import jelenlet_szabalyok
from core.testing.url_jogok import AGGREGALT, KOORDINATOR, Szabaly
from kepzes.jelenlet import FORRAS
from kepzes.models import Beiratkozas, Csoport, Foglalkozas, Jelenlet, Kepzes


def epit(v):
    v.kepzes = Kepzes.objects.create(nev="Targoncavezető", tipus=Kepzes.Tipus.SZAKKEPESITES, oraszam=60)
    v.csoport = Csoport.objects.create(projekt=v.projekt_a, kepzes=v.kepzes, kezdete=datetime.date(2021, 3, 1))
    v.foglalkozas = Foglalkozas.objects.create(csoport=v.csoport, datum=datetime.date(2021, 3, 2))
    v.beiratkozas = Beiratkozas.objects.create(csoport=v.csoport, ugyfel=v.ugyfel, datum=datetime.date(2021, 2, 20))
    Jelenlet.objects.create(foglalkozas=v.foglalkozas, ugyfel=v.ugyfel)


SZABALYOK = [
    Szabaly("kepzes:kepzes_lista", AGGREGALT),
    Szabaly("kepzes:beiratkozas_szerkesztes", KOORDINATOR, lambda v: {"pk": v.beiratkozas.pk}),
    # 100% attendance of the one session held: the coordinator's POST accepts the proposal.
    Szabaly("kepzes:beiratkozas_elvegezte", KOORDINATOR, lambda v: {"pk": v.beiratkozas.pk}, method="post"),
    *jelenlet_szabalyok(FORRAS, alkalom=lambda v: v.foglalkozas, szulo=lambda v: v.csoport),
]
