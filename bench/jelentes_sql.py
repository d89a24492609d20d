"""The report page's figures in hand-written SQL (the yardstick of ``measure.py``) and the check that they agree.

``report_sql(projekt, tol, ig, bontasok)`` returns a callable that computes,
on a cursor and in PostgreSQL's SQL, every figure the report page shows for a
coordinator, for the period ``tol``..``ig``:

- every indicator of the period, and for participant indicators the
  breakdowns asked for (the gender one always) with the incomplete records;
- people in training per training of the project, with the same breakdowns,
  and the figure of every target bound to a training;
- the cumulative figure (from the project's start) of every target when the
  period starts later, and the progress chart: the first target's cumulative
  figure at the end of each quarter up to ``ig``.

It reads the project's targets and trainings (two small queries), then one
statement per evidence model: participants (every figure a conditional count,
the breakdowns as grouping sets), community sessions, visits, households and
plan goals. The conditions are written here by hand, not taken from
``indikatorok.definitions``: ``report_check`` holds the two equal, figure by
figure, against ``indikatorok.selectors.jelentes`` (the code the page uses).

Figures are keyed ``(indicator, training id or None, from, to)``, breakdown
cells ``(indicator, training id or None, from, to, breakdown, cell index)``
and the incomplete records ``(..., "hianyos")``. PostgreSQL only.
"""

import datetime

from django.db import connection
from django.utils import timezone

from indikatorok.models import Celertek
from indikatorok.selectors import _negyedev_vegek  # the chart's points: which periods, not a figure
from kepzes.models import Beiratkozas, Csoport
from kozosseg.models import Alkalom, Program, Reszvetel
from ugyfelek.models import (
    FejlesztesiTerv,
    Haztartas,
    HaztartasTag,
    IskolaiVegzettseg,
    KulonlegesAdat,
    Latogatas,
    MunkaeropiaciStatusz,
    Nem,
    TervCel,
    Ugyfel,
)

_T = {
    m.__name__: connection.ops.quote_name(m._meta.db_table)
    for m in (
        Ugyfel, KulonlegesAdat, FejlesztesiTerv, TervCel, Latogatas, Haztartas, HaztartasTag, Beiratkozas, Csoport,
        Alkalom, Program, Reszvetel, Celertek,
    )
}  # fmt: skip

# --- the conditions, by hand -------------------------------------------------------------------------------------
# Placeholders: {t} and {i} the period's first and last day, {tt} and {ii} its first and first-after local midnight
# (timestamps), {k} "AND c.kepzes_id = <training>" for a figure bound to a training (or nothing).

_BEVONT = "bevonva BETWEEN {t} AND {i}"
_MUNKANELKULI = "munkaeropiaci_statusz IN ('munkanelkuli', 'tartosan_munkanelkuli')"
_INAKTIV = "munkaeropiaci_statusz IN ('inaktiv', 'inaktiv_oktatasban')"
_POZITIV_28 = "eredmeny_28 IN ('allaskereso', 'oktatasban', 'kepesites', 'foglalkoztatott')"


def _co(feltetel):
    return f"({feltetel}) AND teljes AND {_BEVONT}"


def _cr(feltetel):
    return f"({feltetel}) AND kilepes_datuma BETWEEN {{t}} AND {{i}} AND teljes AND bevonva IS NOT NULL"


def _beiratkozott(feltetel):
    return (
        f"id IN (SELECT b.ugyfel_id FROM {_T['Beiratkozas']} b JOIN {_T['Csoport']} c ON c.id = b.csoport_id "
        f"WHERE c.projekt_id = %(p)s {{k}} AND {feltetel})"
    )


_MEGTARTOTT = "a.datum BETWEEN {t} AND least({i}, %(ma)s)"

# indicator -> (evidence rows, condition[, what is counted: the figure of a sum indicator])
FELTETELEK = {
    "bevont": ("u", _BEVONT),
    "bevont_hianyos": ("u", f"NOT teljes AND {_BEVONT}"),
    "CO01": ("u", _co(_MUNKANELKULI)),
    "CO02": ("u", _co("munkaeropiaci_statusz = 'tartosan_munkanelkuli'")),
    "CO03": ("u", _co(_INAKTIV)),
    "CO04": ("u", _co("munkaeropiaci_statusz = 'inaktiv'")),
    "CO05": ("u", _co("munkaeropiaci_statusz = 'foglalkoztatott'")),
    "CO06": ("u", _co("ev < 25")),
    "CO07": ("u", _co("ev > 54")),
    "CO08": ("u", _co(f"ev > 54 AND ({_MUNKANELKULI} OR {_INAKTIV})")),
    "CO09": ("u", _co("iskolai_vegzettseg IN ('isced_0', 'isced_1_2')")),
    "CO10": ("u", _co("iskolai_vegzettseg = 'isced_3_4'")),
    "CO11": ("u", _co("iskolai_vegzettseg = 'isced_5_8'")),
    "CO12": ("u", _co("haztartas_munkanelkuli")),
    "CO13": ("u", _co("haztartas_munkanelkuli AND haztartas_eltartott_gyermekkel")),
    "CO14": ("u", _co("haztartas_egyedulallo_szulo")),
    "CO15": ("u", _co("kisebbseg = 'igen'")),
    "CO16": ("u", _co("fogyatekossag = 'igen' OR egeszsegkarosodas = 'igen'")),
    "CO17": ("u", _co("egyeb_hatrany = 'igen'")),
    "CO18": ("u", _co("hajlektalan")),
    "CO19": ("u", _co("%(videki)s")),
    "CR01": ("u", _cr(f"{_INAKTIV} AND eredmeny_28 = 'allaskereso'")),
    "CR02": ("u", _cr("eredmeny_28 = 'oktatasban'")),
    "CR03": ("u", _cr("eredmeny_28 = 'kepesites'")),
    "CR04": ("u", _cr("eredmeny_28 = 'foglalkoztatott'")),
    "CR05": ("u", _cr(f"hatranyos AND {_POZITIV_28}")),
    "CR06": ("u", _cr("eredmeny_6ho = 'foglalkoztatott'")),
    "CR07": ("u", _cr("eredmeny_6ho = 'jobb_helyzet'")),
    "CR08": ("u", _cr("ev > 54 AND eredmeny_6ho = 'foglalkoztatott'")),
    "CR09": ("u", _cr("hatranyos AND eredmeny_6ho = 'foglalkoztatott'")),
    "kepzesben": (
        "u",
        _beiratkozott(
            "(c.vege IS NULL OR c.vege >= {t}) AND c.kezdete <= {i} AND b.datum <= {i} "
            "AND b.statusz IN ('reszt_vesz', 'elvegezte', 'lemorzsolodott')"
        ),
    ),
    "kepzest_elvegezte": (
        "u",
        _beiratkozott("b.statusz = 'elvegezte' AND coalesce(b.elvegezte_datum, c.vege) BETWEEN {t} AND {i}"),
    ),
    "tanusitvany": (
        "u",
        _beiratkozott(
            "b.tanusitvany AND coalesce(b.tanusitvany_datuma, b.elvegezte_datum, c.vege) BETWEEN {t} AND {i}"
        ),
    ),
    "lemorzsolodott": (
        "u",
        _beiratkozott("b.statusz = 'lemorzsolodott' AND b.lemorzsolodas_datuma BETWEEN {t} AND {i}"),
    ),
    "kozossegi_resztvevok": (
        "u",
        f"id IN (SELECT r.ugyfel_id FROM {_T['Reszvetel']} r JOIN {_T['Alkalom']} a ON a.id = r.alkalom_id "
        f"JOIN {_T['Program']} pr ON pr.id = a.program_id WHERE pr.projekt_id = %(p)s AND {_MEGTARTOTT})",
    ),
    "programalkalmak": ("a", _MEGTARTOTT),
    "reszvetelek": ("a", _MEGTARTOTT, "coalesce(sum(a.letszam_nem_regisztralt + a.regisztralt) {szuro}, 0)"),
    "latogatasok": ("l", "l.idopont >= {tt} AND l.idopont < {ii}"),
    "haztartasok": (
        "h",
        f"EXISTS (SELECT 1 FROM {_T['Latogatas']} l WHERE l.haztartas_id = h.id AND l.projekt_id = %(p)s "
        "AND l.idopont >= {tt} AND l.idopont < {ii}) "
        f"OR EXISTS (SELECT 1 FROM {_T['HaztartasTag']} m JOIN {_T['Latogatas']} l ON l.ugyfel_id = m.ugyfel_id "
        "WHERE m.haztartas_id = h.id AND l.projekt_id = %(p)s AND l.idopont >= {tt} AND l.idopont < {ii} "
        "AND (l.idopont AT TIME ZONE %(tz)s)::date BETWEEN m.mettol AND coalesce(m.meddig, 'infinity'))",
    ),
    "fejlesztesi_tervvel": (
        "u",
        f"id IN (SELECT f.ugyfel_id FROM {_T['FejlesztesiTerv']} f WHERE f.projekt_id = %(p)s "
        "AND f.keszult BETWEEN {t} AND {i})",
    ),
    "teljesult_celok": ("c", "c.teljesult_datum BETWEEN {t} AND {i}"),
}
KEPZESHEZ = {"kepzesben", "kepzest_elvegezte", "tanusitvany", "lemorzsolodott"}

# The evidence rows of each kind: FROM ... WHERE ..., with the columns the conditions read.
SOROK = {
    # Participants: the entry data, the involvement date, complete or not, age at entry, special-category answers.
    "u": f"""(
        SELECT u.*, u.bevonva_ota AS bevonva,
          (u.nem <> '' AND u.munkaeropiaci_statusz <> '' AND u.iskolai_vegzettseg <> ''
           AND u.szuletesi_datum IS NOT NULL AND u.haztartas_munkanelkuli IS NOT NULL
           AND u.haztartas_eltartott_gyermekkel IS NOT NULL AND u.haztartas_egyedulallo_szulo IS NOT NULL) AS teljes,
          date_part('year', age(coalesce(u.bevonva_ota, u.bevonas_datuma), u.szuletesi_datum)) AS ev,
          k.kisebbseg, k.fogyatekossag, k.egeszsegkarosodas, k.egyeb_hatrany,
          coalesce('igen' IN (k.kisebbseg, k.fogyatekossag, k.egeszsegkarosodas, k.egyeb_hatrany), false) AS hatranyos
        FROM {_T["Ugyfel"]} u LEFT JOIN {_T["KulonlegesAdat"]} k ON k.ugyfel_id = u.id
        WHERE u.projekt_id = %(p)s) u""",
    # Community sessions with their registered attendance.
    "a": f"""(
        SELECT a.*, (SELECT count(*) FROM {_T["Reszvetel"]} r WHERE r.alkalom_id = a.id) AS regisztralt
        FROM {_T["Alkalom"]} a JOIN {_T["Program"]} pr ON pr.id = a.program_id WHERE pr.projekt_id = %(p)s) a""",
    "l": f"{_T['Latogatas']} l WHERE l.projekt_id = %(p)s AND l.idopont >= %(l_tol)s AND l.idopont < %(l_ig)s",
    "h": f"{_T['Haztartas']} h WHERE h.projekt_id = %(p)s",
    "c": f"{_T['TervCel']} c JOIN {_T['FejlesztesiTerv']} f ON f.id = c.terv_id "
    "WHERE f.projekt_id = %(p)s AND c.statusz = 'teljesult'",
}

# Breakdowns of participant figures: the SQL of a complete record's cell index (NULL: in no cell; incomplete
# records are in none, they have their own count) and the number of cells. Cells are in the order of the choices.
BONTAS_SQL = {
    "nem": ("array_position(%(nemek)s, nem::text) - 1", len(Nem)),
    "kor": ("CASE WHEN ev < 25 THEN 0 WHEN ev <= 54 THEN 1 WHEN ev > 54 THEN 2 END", 3),
    "kor_esf": ("CASE WHEN ev < 18 THEN 0 WHEN ev <= 29 THEN 1 WHEN ev >= 55 THEN 2 END", 3),
    "vegzettseg": ("array_position(%(vegzettsegek)s, iskolai_vegzettseg::text) - 1", len(IskolaiVegzettseg)),
    "munkaeropiac": ("array_position(%(statuszok)s, munkaeropiaci_statusz::text) - 1", len(MunkaeropiaciStatusz)),
}


def _ejfel(nap):
    return datetime.datetime.combine(nap, datetime.time.min, tzinfo=timezone.get_current_timezone())


def report_sql(projekt, tol, ig, bontasok=("nem",), *, grafikon=True):
    """A callable computing the report's figures in hand-written SQL: ``{key: figure}`` (see the module).

    ``tol`` and ``ig`` are dates or ISO strings; ``bontasok`` the breakdowns
    asked for besides the gender one; ``grafikon=False`` leaves out the chart.
    """
    tol, ig = (d if isinstance(d, datetime.date) else datetime.date.fromisoformat(d) for d in (tol, ig))
    bontasok = tuple(dict.fromkeys(("nem", *bontasok)))

    def futtat():
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT mutato, kepzes_id FROM {_T['Celertek']} WHERE projekt_id = %s ORDER BY sorrend, id",
                [projekt.pk],
            )
            celok = [(m, k if m in KEPZESHEZ else None) for m, k in cur.fetchall() if m in FELTETELEK]
            cur.execute(
                f"SELECT DISTINCT kepzes_id FROM {_T['Csoport']} WHERE projekt_id = %s ORDER BY kepzes_id",
                [projekt.pk],
            )
            kepzesek = [k for (k,) in cur.fetchall()]
            # (indicator, training, from, to): with breakdowns (the period's rows) or without (cumulative, chart).
            bontva = [(m, None, tol, ig) for m in FELTETELEK]
            bontva += [("kepzesben", k, tol, ig) for k in kepzesek]
            bontva += [(m, k, tol, ig) for m, k in celok if k is not None]
            halmozott = []
            if tol != projekt.kezdete:
                halmozott += [(m, k, projekt.kezdete, ig) for m, k in celok]
            if grafikon and celok:
                halmozott += [(*celok[0], projekt.kezdete, p) for p in _negyedev_vegek(projekt, ig)]
            return _szamol(cur, projekt, bontasok, list(dict.fromkeys(bontva)), list(dict.fromkeys(halmozott)))

    return futtat


def _szamol(cur, projekt, bontasok, bontva, halmozott):
    params = {
        "p": projekt.pk,
        "videki": bool(projekt.videki),
        "ma": timezone.localdate(),
        "tz": str(timezone.get_current_timezone()),
        "nemek": [c.value for c in Nem],
        "vegzettsegek": [c.value for c in IskolaiVegzettseg],
        "statuszok": [c.value for c in MunkaeropiaciStatusz],
    }
    idoszakok = {}
    oszlopok = {}  # kind of rows -> [(key, SQL of the figure)]
    for kulcs in dict.fromkeys([*bontva, *halmozott]):
        mutato, kepzes, t, i = kulcs
        n = idoszakok.setdefault((t, i), len(idoszakok))
        params.update({f"t{n}": t, f"i{n}": i, f"tt{n}": _ejfel(t), f"ii{n}": _ejfel(i + datetime.timedelta(days=1))})
        if kepzes is not None:
            params[f"k{kepzes}"] = kepzes
        sorok, feltetel, *szamlalo = FELTETELEK[mutato]
        feltetel = feltetel.format(
            t=f"%(t{n})s",
            i=f"%(i{n})s",
            tt=f"%(tt{n})s",
            ii=f"%(ii{n})s",
            k=f"AND c.kepzes_id = %(k{kepzes})s" if kepzes is not None else "",
        )
        szamlalo = szamlalo[0] if szamlalo else "count(*) {szuro}"
        oszlopok.setdefault(sorok, []).append((kulcs, szamlalo.format(szuro=f"FILTER (WHERE {feltetel})")))
    # Visits: only the rows within the periods asked for are read (the (projekt, idopont) index serves the range).
    params["l_tol"] = min(_ejfel(t) for t, _i in idoszakok)
    params["l_ig"] = max(_ejfel(i + datetime.timedelta(days=1)) for _t, i in idoszakok)

    szamok = {}
    for sorok, ossz in oszlopok.items():
        if sorok != "u":
            cur.execute(f"SELECT {', '.join(s for _k, s in ossz)} FROM {SOROK[sorok]}", params)
            szamok.update(zip((k for k, _s in ossz), cur.fetchone(), strict=True))
            continue
        # Participants: every figure per combination of breakdown cells in one pass over the rows, then the
        # combinations summed into the figure (), the incomplete records (h) and each breakdown's cells (b0, b1...).
        cellak = [f"CASE WHEN teljes THEN {BONTAS_SQL[b][0]} END AS b{n}" for n, b in enumerate(bontasok)]
        csoportok = ["h", *(f"b{n}" for n in range(len(bontasok)))]
        figurak = [f"f{n}" for n in range(len(ossz))]
        cur.execute(
            f"""WITH kombinaciok AS (
                  SELECT NOT teljes AS h, {", ".join(cellak)},
                    {", ".join(f"{s} AS {f}" for (_k, s), f in zip(ossz, figurak, strict=True))}
                  FROM {SOROK["u"]} GROUP BY {", ".join(csoportok)})
                SELECT {", ".join(f"GROUPING({c}), {c}" for c in csoportok)},
                  {", ".join(f"coalesce(sum({f}), 0)" for f in figurak)}
                FROM kombinaciok GROUP BY GROUPING SETS ((), {", ".join(f"({c})" for c in csoportok)})""",
            params,
        )
        bontott = set(bontva)
        for sor in cur.fetchall():
            fejek, ertekek = sor[: 2 * len(csoportok)], sor[2 * len(csoportok) :]
            # GROUPING(x) is 0 in the rows of the set grouped by x: none for the figure, one for any other set.
            szerint = [(b, v) for b, g, v in zip(("hianyos", *bontasok), fejek[::2], fejek[1::2], strict=True) if not g]
            if not szerint:
                cella = ()
            elif szerint[0][0] == "hianyos":
                cella = ("hianyos",) if szerint[0][1] else None
            else:
                cella = szerint[0] if szerint[0][1] is not None else None
            if cella is None:
                continue
            for (kulcs, _s), n in zip(ossz, ertekek, strict=True):
                if not cella or kulcs in bontott:
                    szamok[(*kulcs, *cella)] = n
    # A breakdown cell or an incomplete count with no rows at all is a 0, as on the page.
    for kulcs in bontva:
        if FELTETELEK[kulcs[0]][0] == "u":
            szamok.setdefault((*kulcs, "hianyos"), 0)
            for b in bontasok:
                for c in range(BONTAS_SQL[b][1]):
                    szamok.setdefault((*kulcs, b, c), 0)
    return szamok


# --- the check -----------------------------------------------------------------------------------------------------


def oldal_idoszaka(projekt, query=""):
    """The period and the breakdowns the report page shows for ``query`` (its query string), as the page reads them."""
    from django.http import QueryDict

    from indikatorok.forms import IdoszakForm

    form = IdoszakForm(QueryDict(query) or None, projekt=projekt)
    return form.valasztott(), form.bontasok()


def oldal_szamai(user, projekt, query=""):
    """The report page's figures for ``query`` (its query string), from the code the page uses, keyed as above."""
    from django.http import QueryDict

    from indikatorok.selectors import jelentes

    idoszak, bontasok = oldal_idoszaka(projekt, query)
    celok, csoportok = jelentes(user, projekt, idoszak, bontasok, grafikon=QueryDict(query).get("grafikon", ""))
    szamok = {}
    for sor in [*celok, *(s for _c, ss in csoportok for s in ss)]:
        kepzes = sor.kepzes.pk if sor.kepzes is not None and sor.indikator.kepzeshez else None
        kulcs = (sor.kulcs, kepzes, idoszak.kezdete, idoszak.vege)
        szamok[kulcs] = sor.ertek
        if sor.bontas:
            szamok[(*kulcs, "hianyos")] = sor.bontas["hianyos"]
            for b in bontasok:
                for c, (_cim, n) in enumerate(sor.bontas[b]):
                    szamok[(*kulcs, b, c)] = n
        if sor.allapot is not None:
            szamok[(sor.kulcs, kepzes, projekt.kezdete, idoszak.vege)] = sor.allapot.halmozott
        for pont in sor.sorozat or []:
            szamok[(sor.kulcs, kepzes, projekt.kezdete, datetime.date.fromisoformat(pont["datum"]))] = pont["ertek"]
    return idoszak, bontasok, szamok


class Elteres(AssertionError):
    """The hand-written SQL and the report page disagree."""


def report_check(user, projekt, query=""):
    """Compare every figure of the report page (as ``user``, for ``query``) with ``report_sql``'s; raise if any differs.

    ``user`` must see every indicator (the project's coordinator): the yardstick computes the coordinator's report.
    Returns the number of figures compared.
    """
    idoszak, bontasok, oldal = oldal_szamai(user, projekt, query)
    sql = report_sql(projekt, idoszak.kezdete, idoszak.vege, bontasok)()
    elteresek = [
        f"  {k}: page {oldal.get(k, 'missing')}, SQL {sql.get(k, 'missing')}"
        for k in sorted(oldal.keys() | sql.keys(), key=str)
        if oldal.get(k) != sql.get(k)
    ]
    if elteresek:
        raise Elteres(
            f"The report's hand-written SQL disagrees with the report page on {len(elteresek)} of "
            f"{len(oldal)} figures ({projekt}, {idoszak}):\n" + "\n".join(elteresek[:50])
        )
    return len(oldal)
