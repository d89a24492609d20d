"""URL rules for the shared attendance URLs that every app with a ``JelenletForras`` includes."""

from core.testing.url_jogok import AGGREGALT_OBJEKTUM, KOORDINATOR, KOORDINATOR_LISTA, SZEMELYES, Szabaly


def jelenlet_szabalyok(forras, *, alkalom, szulo):
    """Rules of ``core.attendance.urlpatterns(forras)``; ``alkalom``/``szulo``: vilag -> a session / its parent in A."""
    nevter, sz = forras.nevter, forras.szulo_model._meta.model_name

    def a(v):
        return {"pk": alkalom(v).pk}

    def s(v):
        return {"pk": szulo(v).pk}

    return [
        Szabaly(f"{nevter}:{sz}_uj", KOORDINATOR_LISTA),
        Szabaly(f"{nevter}:{sz}_reszlet", AGGREGALT_OBJEKTUM, s),
        Szabaly(f"{nevter}:{sz}_szerkesztes", KOORDINATOR, s),
        Szabaly(f"{nevter}:alkalom_jelenlet", SZEMELYES, a),
        Szabaly(f"{nevter}:jelenleti_iv", SZEMELYES, a),
        Szabaly(f"{nevter}:alkalom_szerkesztes", KOORDINATOR, lambda v: {"alkalom": alkalom(v).pk}),
        Szabaly(f"{nevter}:racs", SZEMELYES, s),
        Szabaly(f"{nevter}:tag_felvetel", KOORDINATOR, s),
        Szabaly(f"{nevter}:alkalom_uj", KOORDINATOR, s),
    ]
