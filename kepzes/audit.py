"""Which training records the change history tracks (enrolments and presences are personal data)."""

from core import audit

from . import models as m

audit.register(m.Beiratkozas, projekt="csoport.projekt_id", ugyfel="ugyfel_id")
audit.register(m.Jelenlet, projekt="foglalkozas.csoport.projekt_id", ugyfel="ugyfel_id", kizart={"rogzitve"})
