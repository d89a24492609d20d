"""The printable, pre-filled attendance sheet (jelenléti ív) of one session, as a PDF.

It works on any ``core.attendance.JelenletForras``: project code and title, the EU-funding
text block, the programme's and the session's data, the registered names with a signature
column and blank rows for walk-ins. DejaVu Sans is embedded because the PDF base fonts lack
the Hungarian ő and ű.
"""

import io
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from django.conf import settings

EU_SZOVEG = "A projekt az Európai Unió támogatásával, az Európai Szociális Alap társfinanszírozásával valósul meg."

_BETUK = {"normal": "DejaVuSans.ttf", "felkover": "DejaVuSans-Bold.ttf"}
_BETU_HELYEK = [Path(settings.BASE_DIR) / "static" / "fonts", Path("/usr/share/fonts/truetype/dejavu")]


def _betutipusok() -> tuple[str, str]:
    """Register DejaVu Sans (it has ő and ű, the built-in PDF fonts do not) once; return the names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    nevek = ("KapocsSans", "KapocsSans-Bold")
    if nevek[0] in pdfmetrics.getRegisteredFontNames():
        return nevek
    for nev, fajl in zip(nevek, _BETUK.values(), strict=True):
        hely = next((h / fajl for h in _BETU_HELYEK if (h / fajl).exists()), None)
        if hely is None:
            raise RuntimeError(f"A {fajl} betűtípus nem található (Debian: fonts-dejavu-core).")
        pdfmetrics.registerFont(TTFont(nev, str(hely)))
    pdfmetrics.registerFontFamily(nevek[0], normal=nevek[0], bold=nevek[1], italic=nevek[0], boldItalic=nevek[1])
    return nevek


def _x(szoveg) -> str:
    # Paragraph text is reportlab markup: names and topics must not be read as tags.
    return xml_escape(str(szoveg))


def jelenleti_iv_pdf(forras, alkalom) -> bytes:
    """The pre-filled attendance sheet of one session: project, EU-funding text, data, names, blank rows."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    betu, felkover = _betutipusok()
    szulo = getattr(alkalom, forras.szulo_mezo)
    projekt = szulo.projekt
    sima = ParagraphStyle("sima", fontName=betu, fontSize=9.5, leading=12)
    cim = ParagraphStyle("cim", fontName=felkover, fontSize=15, leading=19, spaceAfter=4)
    eu = ParagraphStyle("eu", parent=sima, borderColor=colors.black, borderWidth=0.6, borderPadding=5)

    adatok = [
        *forras.szulo_adatok(szulo),
        ("Dátum", f"{alkalom.datum:%Y. %m. %d.}"),
        ("Időpont", alkalom.idopont or "–"),
        ("Helyszín", alkalom.helyszin or getattr(szulo, "helyszin", "") or "–"),
        ("Téma", alkalom.tema or "–"),
    ]
    adat_tabla = Table(
        [[Paragraph(_x(k), sima), Paragraph(_x(v), sima)] for k, v in adatok], colWidths=[35 * mm, 140 * mm]
    )
    adat_tabla.setStyle(TableStyle([("FONTNAME", (0, 0), (0, -1), felkover), ("VALIGN", (0, 0), (-1, -1), "TOP")]))

    nevek = [t.ugyfel.nev for t in forras.tagok(szulo, aktiv=True)]
    sorok = [["Ssz.", "Név", "Aláírás"]]
    sorok += [[str(i), Paragraph(_x(n), sima), ""] for i, n in enumerate(nevek, 1)]
    sorok += [[str(i), "", ""] for i in range(len(nevek) + 1, len(nevek) + forras.ures_sorok + 1)]
    nev_tabla = Table(
        sorok, colWidths=[12 * mm, 88 * mm, 75 * mm], repeatRows=1, rowHeights=[None] + [9 * mm] * (len(sorok) - 1)
    )
    nev_tabla.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), betu),
                ("FONTNAME", (0, 0), (-1, 0), felkover),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    puffer = io.BytesIO()
    doc = SimpleDocTemplate(
        puffer,
        pagesize=A4,
        leftMargin=17 * mm,
        rightMargin=17 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Jelenléti ív – {szulo} – {alkalom.datum:%Y. %m. %d.}",
        author=projekt.kedvezmenyezett,
    )
    doc.build(
        [
            Paragraph("JELENLÉTI ÍV", cim),
            Paragraph(f"<b>{_x(projekt.kod)}</b> – {_x(projekt.cim)}", sima),
            Paragraph(f"Kedvezményezett: {_x(projekt.kedvezmenyezett)}", sima),
            Spacer(1, 4 * mm),
            Paragraph(f"{EU_SZOVEG} Projektazonosító: {_x(projekt.kod)}", eu),
            Spacer(1, 5 * mm),
            adat_tabla,
            Spacer(1, 5 * mm),
            nev_tabla,
            Spacer(1, 8 * mm),
            Paragraph("Az ívet vezette (név, aláírás): ______________________________", sima),
        ]
    )
    return puffer.getvalue()
