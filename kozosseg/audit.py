"""Which programme records the change history tracks: registrations, presences and photos of people."""

from core import audit

from . import models as m

audit.register(m.Jelentkezes, projekt="program.projekt_id", ugyfel="ugyfel_id")
audit.register(m.Reszvetel, projekt="alkalom.program.projekt_id", ugyfel="ugyfel_id", kizart={"rogzitve"})
audit.register(m.Fenykep, projekt="alkalom.program.projekt_id", kizart={"feltoltve"})
