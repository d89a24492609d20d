"""Trainings in the shared attendance mechanism (``core.attendance``): cohort sessions and enrolments."""

from django.db.models import Q

from core.attendance import JelenletForras

from .models import Beiratkozas, Foglalkozas, Jelenlet


class KepzesJelenlet(JelenletForras):
    """Cohort sessions: dropped-out enrolees leave the checklist; the share decides "completed"."""

    alkalom_mezok = ["datum", "kezdes", "befejezes", "oraszam", "helyszin", "tema"]
    kizart_tagok = Q(statusz=Beiratkozas.Statusz.LEMORZSOLODOTT)
    cimke = "Foglalkozás"
    elfogadas_url = "kepzes:beiratkozas_elvegezte"

    def szulo_adatok(self, csoport):
        kepzes = csoport.kepzes
        adatok = [("Képzés", kepzes.nev), ("Csoport", csoport.nev or f"{csoport.kezdete:%Y. %m. %d.}-tól")]
        if kepzes.kepesites_neve:
            adatok.append(("Képesítés", f"{kepzes.kepesites_neve} {kepzes.kepesites_szama}".strip()))
        adatok += [("Képző intézmény", kepzes.kepzo or "–"), ("Oktató", csoport.oktato or "–")]
        return adatok

    def korhatar(self, csoport):
        return (csoport.kepzes.also_korhatar, csoport.kepzes.felso_korhatar)

    def kor_napja(self, csoport, datum):
        # A training's age limit holds on the first day of the cohort.
        return csoport.kezdete

    def teljesitesi_arany(self, csoport):
        return csoport.kepzes.teljesitesi_arany

    def szabad_helyek(self, csoport):
        if csoport.letszam is None:
            return None
        return max(csoport.letszam - csoport.beiratkozasok.exclude(self.kizart_tagok).count(), 0)

    def javasolhato(self, beiratkozas):
        return beiratkozas.statusz in (Beiratkozas.Statusz.JELENTKEZETT, Beiratkozas.Statusz.RESZT_VESZ)


FORRAS = KepzesJelenlet(Foglalkozas, Jelenlet, Beiratkozas, nevter="kepzes")
