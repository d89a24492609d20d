"""Reads and aggregates about participants, visits, plans and follow-ups.

Every function takes an already scoped queryset or a user and scopes through
``for_user``; all counting happens in SQL, each function runs a fixed
number of queries whatever the amount of data.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    DateField,
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.forms.models import model_to_dict
from django.utils import timezone

from akcioterulet.models import Szerep, Tagsag
from core.models import Hozzaferes, Valtozas

from .models import FejlesztesiTerv, Haztartas, HaztartasTag, KovetoFeladat, Latogatas, Ugyfel


def ugyfelek_bevonodassal(qs):
    """Annotate each participant of ``qs`` with ``bevonva_ota``: the date they became involved.

    A participant is involved (bevont) once a cooperation agreement is signed
    (``megallapodas_datuma``) or a development plan of theirs exists
    (``FejlesztesiTerv.keszult``); ``bevonva_ota`` is the earlier of the two,
    NULL when neither exists. Works the same on SQLite and PostgreSQL (SQL
    ``LEAST`` treats NULL differently on the two, so each side is coalesced
    with the other first).

    The first plan date is a correlated subquery, not ``Min()`` over a join,
    so the annotation adds no GROUP BY and can be combined with any other
    annotation or count. Typical use::

        bevontak = ugyfelek_bevonodassal(qs).filter(bevonva_ota__lte=idoszak_vege)
    """
    elso_terv = Subquery(
        FejlesztesiTerv.objects.filter(ugyfel=OuterRef("pk")).order_by("keszult").values("keszult")[:1],
        output_field=DateField(),
    )
    return qs.annotate(
        bevonva_ota=Least(
            Coalesce("megallapodas_datuma", elso_terv, output_field=DateField()),
            Coalesce(elso_terv, "megallapodas_datuma", output_field=DateField()),
            output_field=DateField(),
        )
    )


def bevonva_ota(ugyfel: Ugyfel, tervek) -> datetime.date | None:
    """``bevonva_ota`` of ``ugyfelek_bevonodassal`` for one participant whose plans are already read.

    The same rule: the earlier of the cooperation agreement and the first plan
    (``tervek``: the participant's plans, which belong to their project), None
    when neither exists. The participant's page reads the plans anyway, so the
    two subqueries are spared.
    """
    datumok = [terv.keszult for terv in tervek]
    if ugyfel.megallapodas_datuma:
        datumok.append(ugyfel.megallapodas_datuma)
    return min(datumok, default=None)


def utolso_latogatas_subquery():
    """The time of the latest visit of the participant (``OuterRef("pk")``), alone or present in a household.

    Two subqueries, each served by an index, rather than one with an OR across the visit and its
    members-present join (which no index can serve: minutes on a million visits).
    """
    egyeni = Latogatas.objects.filter(ugyfel=OuterRef("pk")).order_by("-idopont").values("idopont")[:1]
    jelen = Latogatas.objects.filter(jelenlevok=OuterRef("pk")).order_by("-idopont").values("idopont")[:1]
    a = Subquery(egyeni, output_field=DateTimeField())
    b = Subquery(jelen, output_field=DateTimeField())
    # NULL-safe on both databases, as in ugyfelek_bevonodassal().
    return Greatest(Coalesce(a, b), Coalesce(b, a))


def ugyfelek_utolso_latogatassal(qs):
    """Annotate ``utolso_latogatas``: when the participant was last visited (NULL: never)."""
    return qs.annotate(utolso_latogatas=utolso_latogatas_subquery())


def nem_latogatott_hatar(most=None) -> datetime.datetime:
    """Visits before this moment are too old: settings.KAPOCS_NEM_LATOGATOTT_NAPOK days ago."""
    return (most or timezone.now()) - datetime.timedelta(days=settings.KAPOCS_NEM_LATOGATOTT_NAPOK)


def nem_latogatottak(qs, most=None):
    """Active participants of ``qs`` not visited for KAPOCS_NEM_LATOGATOTT_NAPOK days (never visited first)."""
    hatar = nem_latogatott_hatar(most)
    # Two anti-joins on indexed columns decide who is due; only they get the last-visit time.
    friss_egyeni = Latogatas.objects.filter(ugyfel=OuterRef("pk"), idopont__gte=hatar)
    friss_jelen = Latogatas.objects.filter(jelenlevok=OuterRef("pk"), idopont__gte=hatar)
    return ugyfelek_utolso_latogatassal(qs.aktiv().filter(~Exists(friss_egyeni), ~Exists(friss_jelen))).order_by(
        F("utolso_latogatas").asc(nulls_first=True), "pk"
    )


def latogatasok_listahoz(qs):
    """Visits with everything a list row shows, in a fixed number of queries."""
    return qs.select_related("ugyfel", "haztartas", "szerzo", "projekt").prefetch_related(
        "temak", Prefetch("jelenlevok", queryset=Ugyfel.objects.order_by("csaladi_nev", "utonev"))
    )


def _darab(qs):
    """A correlated ``COUNT(*)`` of ``qs`` (already filtered on an OuterRef) as an integer subquery.

    ``Func`` rather than ``Count`` keeps GROUP BY out of the subquery: one row, the count.
    """
    szamlalo = qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(szamlalo, output_field=IntegerField()), 0)


def terv_felelose(user):
    """Plans a staff member answers for: their participants' plans, and plans they drew up for
    someone without a mentor (or for a household). ``user`` may be an ``OuterRef``."""
    return Q(ugyfel__mentor=user) | Q(ugyfel__mentor__isnull=True, keszitette=user)


def het_vege(ma: datetime.date) -> datetime.date:
    """The last day of "this week" on the home page: the next seven days."""
    return ma + datetime.timedelta(days=7)


@dataclass
class MentorNapja:
    """What the mentor's home page shows."""

    ugyfelek: list
    haztartasok: list
    lejart_feladatok: list
    heti_feladatok: list
    esedekes_felulvizsgalatok: list
    nem_latogatottak: list
    legutobbi_latogatasok: list


def mentor_napja(user, *, ma=None, most=None) -> MentorNapja:
    """The mentor's day: my participants and households, follow-ups and reviews due, who needs a visit."""
    ma = ma or timezone.localdate()
    most = most or timezone.now()
    sajat_ugyfelek = Ugyfel.objects.for_user(user).filter(mentor=user).aktiv()
    ugyfelek = list(
        ugyfelek_utolso_latogatassal(sajat_ugyfelek).select_related("projekt").order_by("csaladi_nev", "utonev", "pk")
    )
    haztartasok = list(
        Haztartas.objects.for_user(user)
        .filter(Exists(HaztartasTag.objects.filter(haztartas=OuterRef("pk"), meddig__isnull=True, ugyfel__mentor=user)))
        .annotate(aktiv_tagok=_darab(HaztartasTag.objects.filter(haztartas=OuterRef("pk"), meddig__isnull=True)))
        .order_by("cim", "pk")
    )
    feladatok = (
        KovetoFeladat.objects.for_user(user).filter(felelos=user, kesz=False).select_related("ugyfel", "haztartas")
    )
    lejart = list(feladatok.filter(hatarido__lt=ma).order_by("hatarido", "pk"))
    heti = list(feladatok.filter(hatarido__gte=ma, hatarido__lte=het_vege(ma)).order_by("hatarido", "pk"))
    felulvizsgalatok = list(
        FejlesztesiTerv.objects.for_user(user)
        .filter(terv_felelose(user))
        .filter(lezarva__isnull=True, kovetkezo_felulvizsgalat__lte=het_vege(ma))
        .select_related("ugyfel", "haztartas")
        .order_by("kovetkezo_felulvizsgalat", "pk")
    )
    hatar = nem_latogatott_hatar(most)
    nem_latogatott = [u for u in ugyfelek if u.utolso_latogatas is None or u.utolso_latogatas < hatar]
    nem_latogatott.sort(key=lambda u: (u.utolso_latogatas is not None, u.utolso_latogatas or most))
    munkatarskent = Latogatas.munkatarsak.through.objects.filter(felhasznalo=user).values("latogatas")
    legutobbi = list(
        latogatasok_listahoz(
            Latogatas.objects.for_user(user).filter(Q(szerzo=user) | Q(pk__in=munkatarskent))
        ).order_by("-idopont", "-pk")[:10]
    )
    return MentorNapja(
        ugyfelek=ugyfelek,
        haztartasok=haztartasok,
        lejart_feladatok=lejart,
        heti_feladatok=heti,
        esedekes_felulvizsgalatok=felulvizsgalatok,
        nem_latogatottak=nem_latogatott,
        legutobbi_latogatasok=legutobbi,
    )


@dataclass
class KoordinatorAttekintes:
    """What the coordinator's home page shows about the team of their projects."""

    csapat: list
    nem_latogatottak: list
    nem_latogatottak_szama: int


def koordinator_attekintes(user, *, ma=None, most=None, limit=50) -> KoordinatorAttekintes:
    """The team with visits this month and overdue items per person; participants nobody visited lately."""
    ma = ma or timezone.localdate()
    most = most or timezone.now()
    honap_eleje = timezone.make_aware(datetime.datetime.combine(ma.replace(day=1), datetime.time.min))
    # Everything counted comes from the projects this user coordinates (all of them for an admin).
    koord = {"szerepek": (Szerep.KOORDINATOR,)}
    latogatasok = Latogatas.objects.for_user(user, **koord)
    feladatok = KovetoFeladat.objects.for_user(user, **koord).filter(kesz=False, hatarido__lt=ma)
    tervek = FejlesztesiTerv.objects.for_user(user, **koord).filter(
        lezarva__isnull=True, kovetkezo_felulvizsgalat__lt=ma
    )
    ugyfelek = Ugyfel.objects.for_user(user, **koord).aktiv()
    tagsagok = Tagsag.objects.for_user(user, **koord).filter(szerep__in=[Szerep.MENTOR, Szerep.KOORDINATOR])
    csapat = list(
        get_user_model()
        .objects.filter(is_active=True, pk__in=tagsagok.values("felhasznalo"))
        .annotate(
            havi_latogatasok=_darab(latogatasok.filter(szerzo=OuterRef("pk"), idopont__gte=honap_eleje)),
            lejart_feladatok=_darab(feladatok.filter(felelos=OuterRef("pk"))),
            lejart_felulvizsgalatok=_darab(tervek.filter(terv_felelose(OuterRef("pk")))),
            ugyfelek_szama=_darab(ugyfelek.filter(mentor=OuterRef("pk"))),
        )
        .order_by("last_name", "first_name", "pk")
    )
    nem_lat = nem_latogatottak(Ugyfel.objects.for_user(user, **koord), most)
    return KoordinatorAttekintes(
        csapat=csapat,
        nem_latogatottak=list(nem_lat.select_related("mentor")[:limit]),
        nem_latogatottak_szama=nem_lat.count(),
    )


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
