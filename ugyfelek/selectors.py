"""Reads about participants that several screens share."""

from django.forms.models import model_to_dict

from core.models import Hozzaferes, Valtozas

from .models import Haztartas, Ugyfel


def kulonleges_adatot_lathat(user, ugyfel: Ugyfel) -> bool:
    """Special-category data: the project's coordinator and the participant's assigned mentor only.

    The same rule as ``KulonlegesAdat.objects.for_user``, for a participant
    whose special record may not exist yet.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.koordinator(ugyfel.projekt_id) or ugyfel.mentor_id == user.pk


def _sor(obj):
    adat = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    for f in obj._meta.many_to_many:
        adat[f.name] = [o.pk for o in getattr(obj, f.name).all()]
    return adat


def ugyfel_minden_adata(ugyfel: Ugyfel) -> tuple[dict, int]:
    """Every record held about one person, for a subject-access request; and the number of records.

    Walks every relation to the participant, so records of apps added later
    are included without changing this function.
    """
    adatok = {"ugyfel": model_to_dict(ugyfel) | {"id": ugyfel.pk, "projekt": str(ugyfel.projekt)}}
    darab = 1
    for rel in Ugyfel._meta.related_objects:
        model = rel.related_model
        if model in (Valtozas, Hozzaferes):
            continue
        if rel.many_to_many:
            qs = model._default_manager.filter(**{rel.field.name: ugyfel})
        else:
            qs = model._default_manager.filter(**{rel.field.name: ugyfel.pk})
        sorok = [_sor(o) for o in qs.prefetch_related(*[f.name for f in model._meta.many_to_many])]
        if sorok:
            kulcs = (
                f"{model._meta.label_lower} ({rel.field.verbose_name})" if rel.many_to_many else model._meta.label_lower
            )
            adatok[kulcs] = sorok
            darab += len(sorok)
    haztartasok = Haztartas.objects.filter(tagsagok__ugyfel=ugyfel).distinct()
    adatok["haztartasok"] = [_sor(h) for h in haztartasok]
    adatok["valtozasnaplo"] = list(
        Valtozas.objects.filter(ugyfel_id=ugyfel.pk).values(
            "idopont", "felhasznalo__username", "forras", "muvelet", "modell", "objektum_id", "valtozasok"
        )
    )
    adatok["hozzaferesi_naplo"] = list(
        Hozzaferes.objects.filter(ugyfel_id=ugyfel.pk).values(
            "idopont", "felhasznalo__username", "muvelet", "mit", "rekordok_szama"
        )
    )
    return adatok, darab + len(adatok["haztartasok"])
