"""Which participant records the change history tracks."""

from core import audit

from . import models as m

# The last visit is derived from the visits, which have their own history.
audit.register(m.Ugyfel, ugyfel="pk", kizart={"kereso_szoveg", "modositva", "utolso_latogatas", "bevonva_ota"})
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
audit.register(m.Latogatas, ugyfel="ugyfel_id")
audit.register(m.KovetoFeladat, ugyfel="ugyfel_id")
audit.register(m.FejlesztesiTerv, ugyfel="ugyfel_id")
audit.register(m.TervCel, projekt="terv.projekt_id", ugyfel="terv.ugyfel_id")
audit.register(m.Felulvizsgalat, projekt="terv.projekt_id", ugyfel="terv.ugyfel_id")
