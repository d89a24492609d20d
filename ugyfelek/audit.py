"""Which participant records the change history tracks."""

from core import audit

from . import models as m

# The derived columns (the last visit, the involvement and first plan's dates) follow the visits and plans, which
# have their own history.
audit.register(m.Ugyfel, ugyfel="pk", kizart={"kereso_szoveg", "nev_kulcs", "modositva", *m.Ugyfel.SZARMAZTATOTT})
audit.register(
    m.KulonlegesAdat,
    projekt="ugyfel.projekt_id",
    ugyfel="ugyfel_id",
    kizart={"modositva"},
    rejtett=set(m.KulonlegesAdat.ERZEKENY_MEZOK),
)
audit.register(m.Hozzajarulas, projekt="ugyfel.projekt_id", ugyfel="ugyfel_id")
audit.register(m.Haztartas, kizart={"kereso_szoveg"})
audit.register(m.HaztartasTag, projekt="haztartas.projekt_id", ugyfel="ugyfel_id")
# The members present at a household visit (which has no participant of its own) find in their own history
# the changes of who was present, and every change of the visit and of its topics while they are present.
audit.register(m.Latogatas, ugyfel="ugyfel_id", ugyfel_m2m={"jelenlevok"}, jelenlevo_ugyfelek="jelenlevok")
# A topic's copies of its visit's project and time are the database's (``tema_masolat``), in the visit's history.
audit.register(
    m.LatogatasTema,
    projekt="latogatas.projekt_id",
    ugyfel="latogatas.ugyfel_id",
    jelenlevo_ugyfelek="latogatas.jelenlevok",
    kizart={"projekt", "idopont"},
)
audit.register(m.KovetoFeladat, ugyfel="ugyfel_id")
audit.register(m.FejlesztesiTerv, ugyfel="ugyfel_id")
audit.register(m.TervCel, projekt="terv.projekt_id", ugyfel="terv.ugyfel_id")
audit.register(m.Felulvizsgalat, projekt="terv.projekt_id", ugyfel="terv.ugyfel_id")
