import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.testing.jelenlet import jelenlet_szabalyok
from core.testing.url_jogok import AGGREGALT, SZEMELYES, Szabaly
from kozosseg.jelenlet import FORRAS
from kozosseg.models import Alkalom, Fenykep, Jelentkezes, Program, Reszvetel


def png_kep(nev="kep.png", meret=(8, 8)):
    puffer = io.BytesIO()
    Image.new("RGB", meret, (200, 40, 40)).save(puffer, "PNG")
    return SimpleUploadedFile(nev, puffer.getvalue(), content_type="image/png")


def epit(v):
    v.program = Program.objects.create(projekt=v.projekt_a, nev="Családi nap", tipus=Program.Tipus.ESEMENY)
    v.alkalom = Alkalom.objects.create(program=v.program, datum=datetime.date(2021, 6, 5), letszam_nem_regisztralt=3)
    Jelentkezes.objects.create(program=v.program, ugyfel=v.ugyfel, datum=datetime.date(2021, 6, 1))
    Reszvetel.objects.create(alkalom=v.alkalom, ugyfel=v.ugyfel)
    v.fenykep = Fenykep.objects.create(alkalom=v.alkalom, kep=png_kep(), hozzajarultak=True)


SZABALYOK = [
    Szabaly("kozosseg:program_lista", AGGREGALT),
    Szabaly("kozosseg:alkalom_reszlet", SZEMELYES, lambda v: {"pk": v.alkalom.pk}),
    Szabaly("kozosseg:fenykep", SZEMELYES, lambda v: {"pk": v.fenykep.pk}),
    *jelenlet_szabalyok(FORRAS, alkalom=lambda v: v.alkalom, szulo=lambda v: v.program),
]
