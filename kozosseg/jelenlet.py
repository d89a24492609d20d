"""Community programmes in the shared attendance mechanism (``core.attendance``)."""

from core.attendance import JelenletForras

from .models import Alkalom, Jelentkezes, Reszvetel


class ProgramJelenlet(JelenletForras):
    """Programme sessions also count the unregistered residents present (a head-count)."""

    alkalom_mezok = [*JelenletForras.alkalom_mezok, "letszam_nem_regisztralt"]
    letszam_mezo = "letszam_nem_regisztralt"
    alkalom_reszlet = "kozosseg:alkalom_reszlet"

    def szulo_adatok(self, program):
        return [
            ("Program", f"{program.nev} ({program.get_tipus_display()})"),
            ("Célcsoport", program.celcsoport or "–"),
            ("Szervező", program.szervezo or "–"),
        ]

    def korhatar(self, program):
        return (program.also_korhatar, program.felso_korhatar)

    def kor_napja(self, program, datum):
        # Age on the programme's first session; before any session is set, on the registration day.
        elso = min((a.datum for a in program.alkalmak.all()), default=None)
        return elso or datum


FORRAS = ProgramJelenlet(Alkalom, Reszvetel, Jelentkezes, nevter="kozosseg")
