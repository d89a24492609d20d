"""The one attendance mechanism shared by trainings and community programmes.

A session (``AlkalomAlap``) has a date, times and a place; a presence row
(``JelenletAlap``) says that one registered participant was there. The
concrete models live in ``kepzes`` and ``kozosseg``; the checklist view, the
grid and the printable attendance sheet work on any pair of them.

Each app describes its models once with a ``JelenletForras`` (the session
model, the presence model, the registration model; the parent — cohort or
programme — is found from their foreign keys) and registers it in its
``AppConfig.ready()``. Everything below works only through that description:

- ``jelenlet_rogzites``: the service that diff-writes presence rows in one transaction;
- ``racs``: the sessions x people grid with each person's attendance share, in SQL;
- ``jelenleti_iv_pdf`` (in ``core.jelenleti_iv``): the pre-filled attendance sheet as a PDF;
- ``tagok_felvetele`` and ``TagFelvetelForm``: registering participants, with the age rule;
- the views of all of these, and the list of upcoming sessions across every source.
"""

import datetime
from dataclasses import dataclass, field

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import DetailView, UpdateView

from . import audit
from .access import ProjektJogMixin
from .jelenleti_iv import jelenleti_iv_pdf
from .scoping import SZEMELYES_SZEREPEK


def _szulo(obj):
    """What ``obj`` (a session, presence or registration) belongs to: its one foreign key besides ``ugyfel``."""
    return getattr(obj, _fk(type(obj), None).name)


class AlkalomAlap(models.Model):
    """A session: one occasion on a date, with from-to times, a place and a topic."""

    datum = models.DateField("dátum")
    kezdes = models.TimeField("kezdés", null=True, blank=True)
    befejezes = models.TimeField("befejezés", null=True, blank=True)
    helyszin = models.CharField("helyszín", max_length=200, blank=True)
    tema = models.CharField("téma", max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["datum", "kezdes", "id"]

    def __str__(self):
        return f"{_szulo(self)} – {self.datum:%Y. %m. %d.}"

    @property
    def idopont(self) -> str:
        """ "9:00–13:00", or "" when no time is recorded."""
        if not self.kezdes:
            return ""
        vege = f"{self.befejezes:%H:%M}" if self.befejezes else ""
        return f"{self.kezdes:%H:%M}–{vege}"

    def clean(self):
        if self.kezdes and self.befejezes and self.befejezes <= self.kezdes:
            raise ValidationError({"befejezes": "A befejezés a kezdés után legyen."})


class JelenletAlap(models.Model):
    """One registered participant present at one session (absence is the lack of a row)."""

    ugyfel = models.ForeignKey("ugyfelek.Ugyfel", on_delete=models.CASCADE, related_name="+")
    rogzitve = models.DateTimeField("rögzítve", auto_now_add=True)
    rogzitette = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.ugyfel} @ {_szulo(self)}"


class RegisztracioAlap(models.Model):
    """A participant registered to a cohort or programme: the names on its checklist and sheet.

    ``kivetel_indoklas`` is the coordinator's reason for registering someone outside the age range.
    """

    kivetel_indoklas = models.CharField("indoklás (korhatáron kívül)", max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["ugyfel__csaladi_nev", "ugyfel__utonev", "id"]

    def __str__(self):
        return f"{self.ugyfel} – {_szulo(self)}"


def _fk(model, cel):
    """The single foreign key of ``model`` that points to ``cel`` (or to anything when ``cel`` is None)."""
    mezok = [f for f in model._meta.concrete_fields if f.many_to_one and (cel is None or f.related_model is cel)]
    # Who was recorded and who recorded it are never what a row belongs to.
    mezok = [f for f in mezok if f.name not in ("ugyfel", "rogzitette")] if cel is None else mezok
    assert len(mezok) == 1, f"{model.__name__}: {len(mezok)} foreign keys to {cel}"
    return mezok[0]


class JelenletForras:
    """How one app's sessions, presences and registrations fit the shared attendance mechanism.

    ``alkalom_model``: the session (``AlkalomAlap``) whose one foreign key leads to its parent
    (a cohort or a programme, which has a ``projekt``); ``jelenlet_model``: the presence row;
    ``tag_model``: who is registered to the parent (the names on the sheet and the checklist).
    Subclasses override the hooks below (parent data on the sheet, age limits, the
    "completed" proposal).
    """

    alkalom_mezok = ["datum", "kezdes", "befejezes", "helyszin", "tema"]
    letszam_mezo = None  # a session field holding the head-count of unregistered people
    kizart_tagok = None  # Q of registrations left off the checklist and the sheet (e.g. dropped out)
    cimke = "Alkalom"  # what one session is called on the screens
    ures_sorok = 8  # blank rows on the sheet for walk-ins

    def __init__(self, alkalom_model, jelenlet_model, tag_model, *, nevter):
        self.alkalom_model = alkalom_model
        self.jelenlet_model = jelenlet_model
        self.tag_model = tag_model
        self.nevter = nevter
        szulo = _fk(alkalom_model, None)
        self.szulo_mezo = szulo.name  # "csoport" / "program"
        self.szulo_model = szulo.related_model
        self.jelenlet_mezo = _fk(jelenlet_model, alkalom_model).name  # "foglalkozas" / "alkalom"
        self.tag_mezo = _fk(tag_model, self.szulo_model).name
        self.kulcs = alkalom_model._meta.model_name

    def __str__(self):
        return self.kulcs

    # --- hooks -------------------------------------------------------------------------
    def szulo_adatok(self, szulo) -> list[tuple[str, str]]:
        """(label, value) pairs describing the parent on the attendance sheet."""
        return [("Megnevezés", str(szulo))]

    def korhatar(self, szulo) -> tuple[int | None, int | None]:
        """The parent's age range in years (either end may be open)."""
        return (None, None)

    def kor_napja(self, szulo, datum) -> datetime.date:
        """The day on which a registrant's age is checked."""
        return datum

    def teljesitesi_arany(self, szulo) -> int | None:
        """The attendance share (%) that completes the parent, None if there is none."""
        return None

    def szabad_helyek(self, szulo) -> int | None:
        """How many more may register (None: no limit)."""
        return None

    def javasolhato(self, tag) -> bool:
        """May the grid propose "completed" for this registration (if its share is enough)?"""
        return False

    alkalom_reszlet = None  # URL name of a session's own page, if the app has one
    elfogadas_url = None  # URL name of the POST accepting the proposal, with the registration's pk

    # --- derived helpers ----------------------------------------------------------------
    def url(self, nev, *args):
        return reverse(f"{self.nevter}:{nev}", args=args)

    def szulo_url(self, szulo):
        return self.url(f"{self.szulo_model._meta.model_name}_reszlet", szulo.pk)

    def alkalmak(self, szulo):
        return self.alkalom_model.objects.filter(**{self.szulo_mezo: szulo})

    def alkalmak_jelenlettel(self, szulo):
        """The sessions of ``szulo`` with ``jelen_db``: how many registrants were present."""
        kapcsolat = self.jelenlet_model._meta.get_field(self.jelenlet_mezo).remote_field.related_name
        return self.alkalmak(szulo).annotate(jelen_db=Count(kapcsolat))

    def tagok(self, szulo, *, aktiv=False):
        qs = self.tag_model.objects.filter(**{self.tag_mezo: szulo}).select_related("ugyfel")
        if aktiv and self.kizart_tagok is not None:
            qs = qs.exclude(self.kizart_tagok)
        return qs.order_by("ugyfel__csaladi_nev", "ugyfel__utonev", "pk")

    def jelenletek(self, **szurok):
        return self.jelenlet_model.objects.filter(**{f"{self.jelenlet_mezo}__{k}": v for k, v in szurok.items()})

    def alkalom_queryset(self, user, *, szemelyes=False):
        """Sessions ``user`` may see; ``szemelyes``: only in projects where they see personal data."""
        szerepek = SZEMELYES_SZEREPEK if szemelyes else None
        return self.alkalom_model.objects.for_user(user, szerepek=szerepek).select_related(
            f"{self.szulo_mezo}__projekt", *self._szulo_kapcsolatok(f"{self.szulo_mezo}__")
        )

    def szulo_queryset(self, user, *, szemelyes=False):
        szerepek = SZEMELYES_SZEREPEK if szemelyes else None
        return self.szulo_model.objects.for_user(user, szerepek=szerepek).select_related(
            "projekt", *self._szulo_kapcsolatok("")
        )

    def _szulo_kapcsolatok(self, elotag):
        return [
            elotag + f.name
            for f in self.szulo_model._meta.concrete_fields
            if f.many_to_one and f.name != "projekt" and not f.null
        ]


_forrasok: dict[str, JelenletForras] = {}


def regisztral(forras: JelenletForras) -> JelenletForras:
    """Make ``forras`` known to the shared pages (the list of upcoming sessions); called from ready()."""
    _forrasok[forras.kulcs] = forras
    return forras


def forrasok() -> list[JelenletForras]:
    return list(_forrasok.values())


# --- service ---------------------------------------------------------------------------------
def jelenlet_rogzites(*, forras, alkalom, jelenlevok, felhasznalo, letszam=None) -> tuple[int, int]:
    """Record who was present at ``alkalom``: adds the missing rows, deletes the unticked ones.

    Only registrations shown on the checklist are touched; ids of anyone else are
    ignored. Returns (added, removed).
    """
    szulo = getattr(alkalom, forras.szulo_mezo)
    jelen = {int(i) for i in jelenlevok}
    with transaction.atomic():
        # Two phones saving the same session one after the other, not interleaved.
        list(forras.alkalom_model.objects.select_for_update().filter(pk=alkalom.pk).values_list("pk", flat=True))
        tag_idk = set(forras.tagok(szulo, aktiv=True).values_list("ugyfel_id", flat=True))
        jelen &= tag_idk
        sajat = forras.jelenlet_model.objects.filter(**{forras.jelenlet_mezo: alkalom, "ugyfel_id__in": tag_idk})
        meglevo = set(sajat.values_list("ugyfel_id", flat=True))
        torlendo = meglevo - jelen
        if torlendo:
            sajat.filter(ugyfel_id__in=torlendo).delete()
        ujak = [
            forras.jelenlet_model(**{forras.jelenlet_mezo: alkalom}, ugyfel_id=uid, rogzitette=felhasznalo)
            for uid in sorted(jelen - meglevo)
        ]
        if ujak:
            forras.jelenlet_model.objects.bulk_create(ujak)
            audit.log_bulk_create(ujak)
        if forras.letszam_mezo and letszam is not None and getattr(alkalom, forras.letszam_mezo) != letszam:
            setattr(alkalom, forras.letszam_mezo, letszam)
            alkalom.save(update_fields=[forras.letszam_mezo])
    return len(ujak), len(torlendo)


def tagok_felvetele(*, forras, szulo, ugyfelek, datum, kivetel_indoklas="", kivetelek=()) -> list:
    """Register ``ugyfelek`` to ``szulo`` (enrol in a cohort / sign up for a programme).

    ``kivetelek``: ids of people outside the age range, who get ``kivetel_indoklas``.
    """
    with transaction.atomic():
        ujak = [
            forras.tag_model(
                **{forras.tag_mezo: szulo},
                ugyfel=u,
                datum=datum,
                kivetel_indoklas=kivetel_indoklas if u.pk in kivetelek else "",
            )
            for u in ugyfelek
        ]
        for t in ujak:
            t.full_clean(exclude=[forras.tag_mezo, "ugyfel"], validate_unique=False)
        forras.tag_model.objects.bulk_create(ujak)
        audit.log_bulk_create(ujak)
    return ujak


def alkalmak_letrehozasa(*, forras, szulo, napok, **mezok) -> list:
    """A timetable: one session of ``szulo`` on each of ``napok``, every other field alike."""
    alkalmak = [forras.alkalom_model(**{forras.szulo_mezo: szulo}, datum=nap, **mezok) for nap in napok]
    for a in alkalmak:
        a.full_clean(exclude=[forras.szulo_mezo])
    return forras.alkalom_model.objects.bulk_create(alkalmak)


# --- selectors --------------------------------------------------------------------------------
@dataclass
class RacsSor:
    tag: object
    cellak: list[bool]
    jelen: int
    arany: int | None  # percent of the sessions held
    javaslat: bool


@dataclass
class Racs:
    alkalmak: list
    sorok: list[RacsSor] = field(default_factory=list)
    tartott: int = 0
    kuszob: int | None = None


def racs(forras, szulo, *, ma=None) -> Racs:
    """Sessions x registered people of ``szulo`` with each person's attendance share.

    Three queries whatever the size: the sessions (with their head-count of
    presences), the registrations (with each one's presences counted in a
    subquery) and the (session, person) pairs present. A session counts as held
    once its date has come.
    """
    ma = ma or timezone.localdate()
    alkalmak = list(forras.alkalmak_jelenlettel(szulo))
    szamlalo = (
        forras.jelenletek(**{forras.szulo_mezo: OuterRef(forras.tag_mezo), "datum__lte": ma})
        .filter(ugyfel=OuterRef("ugyfel"))
        .values("ugyfel")
        .annotate(db=Count("pk"))
        .values("db")
    )
    tagok = forras.tagok(szulo).annotate(jelen_db=Coalesce(Subquery(szamlalo, output_field=IntegerField()), Value(0)))
    parok = set(forras.jelenletek(**{forras.szulo_mezo: szulo}).values_list(f"{forras.jelenlet_mezo}_id", "ugyfel_id"))
    eredmeny = Racs(alkalmak=alkalmak, tartott=sum(1 for a in alkalmak if a.datum <= ma))
    eredmeny.kuszob = forras.teljesitesi_arany(szulo)
    for tag in tagok:
        arany = round(100 * tag.jelen_db / eredmeny.tartott) if eredmeny.tartott else None
        javaslat = (
            eredmeny.kuszob is not None
            and eredmeny.tartott > 0
            and tag.jelen_db * 100 >= eredmeny.kuszob * eredmeny.tartott
            and forras.javasolhato(tag)
        )
        cellak = [(a.pk, tag.ugyfel_id) in parok for a in alkalmak]
        eredmeny.sorok.append(RacsSor(tag=tag, cellak=cellak, jelen=tag.jelen_db, arany=arany, javaslat=javaslat))
    return eredmeny


def kozelgo_alkalmak(user, *, ma=None, limit=100) -> list:
    """Upcoming sessions of every registered source the user may see, soonest first (one query per source)."""
    ma = ma or timezone.localdate()
    tetelek = []
    for forras in forrasok():
        for a in forras.alkalom_queryset(user).filter(datum__gte=ma).order_by("datum", "kezdes")[:limit]:
            a.forras = forras
            a.szulo = getattr(a, forras.szulo_mezo)
            a.szulo_url = forras.szulo_url(a.szulo)
            tetelek.append(a)
    tetelek.sort(key=lambda a: (a.datum, a.kezdes or datetime.time.min))
    return tetelek[:limit]


def idovonal_szures(qs, *, ugyfel, haztartas, user):
    """Rows of ``qs`` (which have an ``ugyfel``) for one participant's or one household's timeline."""
    qs = qs.for_user(user)
    if ugyfel is not None:
        return qs.filter(ugyfel=ugyfel)
    return qs.filter(ugyfel__haztartas_tagsagok__haztartas=haztartas).distinct()


# --- age rule ----------------------------------------------------------------------------------
def eletkor(szuletesi_datum, napon) -> int:
    return napon.year - szuletesi_datum.year - ((napon.month, napon.day) < (szuletesi_datum.month, szuletesi_datum.day))


def korhataron_kivul(ugyfel, also, felso, napon) -> bool:
    if not ugyfel.szuletesi_datum or (also is None and felso is None):
        return False
    kor = eletkor(ugyfel.szuletesi_datum, napon)
    return (also is not None and kor < also) or (felso is not None and kor > felso)


def korhatar_szoveg(also, felso) -> str:
    if also is not None and felso is not None:
        return f"{also}–{felso} év"
    return f"legalább {also} év" if also is not None else f"legfeljebb {felso} év"


class _UgyfelValaszto(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nev} ({obj.szuletesi_datum:%Y. %m. %d.})" if obj.szuletesi_datum else obj.nev


class TagFelvetelForm(forms.Form):
    """Registers several participants at once; anyone outside the age range needs a reason."""

    ugyfelek = _UgyfelValaszto(
        label="Résztvevők",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Válasszon legalább egy résztvevőt."},
    )
    datum = forms.DateField(label="Dátum", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    kivetel_indoklas = forms.CharField(
        label="Indoklás korhatáron kívüli felvételhez",
        required=False,
        max_length=300,
        help_text="Csak akkor kell, ha valaki a program korhatárán kívül esik.",
    )

    def __init__(self, *args, forras, szulo, ugyfelek, **kwargs):
        super().__init__(*args, **kwargs)
        self.forras, self.szulo = forras, szulo
        self.fields["ugyfelek"].queryset = ugyfelek
        self.fields["datum"].initial = timezone.localdate()
        self.kivetelek = set()
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        szabad = self.forras.szabad_helyek(self.szulo)
        if szabad is not None and len(cleaned.get("ugyfelek") or []) > szabad:
            self.add_error("ugyfelek", f"Nincs elég férőhely: legfeljebb {szabad} résztvevő vehető még fel.")
        datum = cleaned.get("datum")
        also, felso = self.forras.korhatar(self.szulo)
        if not datum or (also is None and felso is None):
            return cleaned
        napon = self.forras.kor_napja(self.szulo, datum)
        kivul = [u for u in cleaned.get("ugyfelek") or [] if korhataron_kivul(u, also, felso, napon)]
        self.kivetelek = {u.pk for u in kivul}
        if kivul and not cleaned.get("kivetel_indoklas", "").strip():
            nevek = ", ".join(f"{u.nev} ({eletkor(u.szuletesi_datum, napon)} éves)" for u in kivul)
            self.add_error(
                "kivetel_indoklas",
                f"Korhatáron kívül esik ({korhatar_szoveg(also, felso)}, {napon:%Y. %m. %d.} napján): {nevek}. "
                "A felvételükhöz adja meg az indoklást.",
            )
        return cleaned


# --- views ------------------------------------------------------------------------------------
def _alkalom(request, forras, pk, *, koordinator=False):
    if not request.user.lat_szemelyes_adatot():
        raise PermissionDenied("Ehhez az oldalhoz nincs jogosultsága.")
    alkalom = get_object_or_404(forras.alkalom_queryset(request.user, szemelyes=True), pk=pk)
    szulo = getattr(alkalom, forras.szulo_mezo)
    if koordinator and not request.user.koordinator(szulo.projekt_id):
        raise PermissionDenied("Ezt csak a projekt koordinátora teheti meg.")
    return alkalom, szulo


@login_required
def jelenlet_view(request, pk, *, forras):
    """The tap-to-tick checklist of one session: every registrant a big toggle, saved in one POST."""
    alkalom, szulo = _alkalom(request, forras, pk)
    hiba = ""
    if request.method == "POST":
        letszam = None
        if forras.letszam_mezo:
            try:
                letszam = int(request.POST.get("letszam") or 0)
                if letszam < 0:
                    raise ValueError
            except ValueError:
                hiba = "A létszám nem negatív egész szám legyen."
        if not hiba:
            try:
                hozzaadva, torolve = jelenlet_rogzites(
                    forras=forras,
                    alkalom=alkalom,
                    jelenlevok=request.POST.getlist("jelen"),
                    felhasznalo=request.user,
                    letszam=letszam,
                )
            except ValueError:
                hiba = "Érvénytelen résztvevő-azonosító."
            else:
                messages.success(request, f"Jelenlét elmentve ({hozzaadva} új, {torolve} törölt jelölés).")
                return redirect(request.path)
    tagok = list(forras.tagok(szulo, aktiv=True))
    jelen = set(
        forras.jelenlet_model.objects.filter(**{forras.jelenlet_mezo: alkalom}).values_list("ugyfel_id", flat=True)
    )
    return render(
        request,
        "attendance/jelenlet.html",
        {
            "forras": forras,
            "alkalom": alkalom,
            "szulo": szulo,
            "szulo_url": forras.szulo_url(szulo),
            "tagok": [(t, t.ugyfel_id in jelen) for t in tagok],
            "jelen_db": len(jelen),
            "letszam": getattr(alkalom, forras.letszam_mezo) if forras.letszam_mezo else None,
            "hiba": hiba,
            "iv_url": forras.url("jelenleti_iv", alkalom.pk),
        },
        status=400 if hiba else 200,
    )


@login_required
def jelenleti_iv_view(request, pk, *, forras):
    """Download the pre-filled attendance sheet of a session as a PDF (an export of names: logged)."""
    from .models import Hozzaferes

    alkalom, szulo = _alkalom(request, forras, pk)
    pdf = jelenleti_iv_pdf(forras, alkalom)
    audit.log_access(
        request,
        Hozzaferes.Muvelet.LETOLTES,
        f"jelenléti ív: {alkalom}",
        obj=alkalom,
        projekt_id=szulo.projekt_id,
        rekordok_szama=forras.tagok(szulo, aktiv=True).count(),
    )
    resp = HttpResponse(pdf, content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="jelenleti-iv-{forras.kulcs}-{alkalom.pk}.pdf"'
    return resp


@login_required
def racs_view(request, pk, *, forras):
    """The attendance grid of a cohort or programme: sessions x people with each one's share."""
    if not request.user.lat_szemelyes_adatot():
        raise PermissionDenied("Ehhez az oldalhoz nincs jogosultsága.")
    szulo = get_object_or_404(forras.szulo_queryset(request.user, szemelyes=True), pk=pk)
    return render(
        request,
        "attendance/racs.html",
        {
            "forras": forras,
            "szulo": szulo,
            "szulo_url": forras.szulo_url(szulo),
            "racs": racs(forras, szulo),
            "koordinator": request.user.koordinator(szulo.projekt_id),
            "jelenlet_url": f"{forras.nevter}:alkalom_jelenlet",
        },
    )


class SzuloHozJogMixin(ProjektJogMixin):
    """A coordinator's page on one parent (cohort / programme) given by ``pk`` in the URL."""

    forras = None
    koordinator_kell = True
    template_name = "generic/form.html"

    def get_szulo(self):
        if not hasattr(self, "_szulo"):
            self._szulo = get_object_or_404(self.forras.szulo_queryset(self.request.user), pk=self.kwargs["pk"])
            if not self.request.user.koordinator(self._szulo.projekt_id):
                raise PermissionDenied("Ezt csak a projekt koordinátora teheti meg.")
        return self._szulo


class TagFelvetelView(SzuloHozJogMixin, UpdateView):
    """Register participants of the parent's project (for_user) who are not registered yet."""

    form_class = TagFelvetelForm

    def get_object(self, queryset=None):
        return None

    def get_form_kwargs(self):
        from ugyfelek.models import Ugyfel

        szulo = self.get_szulo()
        felvettek = self.forras.tag_model.objects.filter(**{self.forras.tag_mezo: szulo}).values("ugyfel_id")
        ugyfelek = (
            Ugyfel.objects.for_user(self.request.user)
            .filter(projekt_id=szulo.projekt_id)
            .exclude(pk__in=felvettek)
            .order_by("csaladi_nev", "utonev", "pk")
        )
        self.kereses = self.request.GET.get("q", "").strip()[:100]
        if self.kereses and self.request.method == "GET":
            # Narrows the list on screen only; a POST is checked against every candidate.
            ugyfelek = ugyfelek.kereses(self.kereses)
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return {**kwargs, "forras": self.forras, "szulo": szulo, "ugyfelek": ugyfelek}

    def form_valid(self, form):
        ujak = tagok_felvetele(
            forras=self.forras,
            szulo=self.get_szulo(),
            ugyfelek=form.cleaned_data["ugyfelek"],
            datum=form.cleaned_data["datum"],
            kivetel_indoklas=form.cleaned_data["kivetel_indoklas"].strip(),
            kivetelek=form.kivetelek,
        )
        messages.success(self.request, f"{len(ujak)} résztvevő felvéve.")
        return redirect(self.forras.szulo_url(self.get_szulo()))

    def get_context_data(self, **kwargs):
        szulo = self.get_szulo()
        also, felso = self.forras.korhatar(szulo)
        return {
            **super().get_context_data(**kwargs),
            "cim": f"Résztvevők felvétele: {szulo}",
            "vissza_url": self.forras.szulo_url(szulo),
            "korhatar": korhatar_szoveg(also, felso) if (also is not None or felso is not None) else "",
            "kereses": self.kereses,
            "ferohely": self.forras.szabad_helyek(szulo),
        }

    template_name = "attendance/felvetel.html"


class AlkalomUrlapView(SzuloHozJogMixin, UpdateView):
    """Create (``pk`` of the parent) or edit (``alkalom`` pk) a session; coordinator only."""

    def get_object(self, queryset=None):
        if "alkalom" not in self.kwargs:
            self.get_szulo()
            return None
        alkalom = get_object_or_404(self.forras.alkalom_queryset(self.request.user), pk=self.kwargs["alkalom"])
        self._szulo = getattr(alkalom, self.forras.szulo_mezo)
        if not self.request.user.koordinator(self._szulo.projekt_id):
            raise PermissionDenied("Ezt csak a projekt koordinátora teheti meg.")
        return alkalom

    def get_form_class(self):
        widgets = {
            "datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kezdes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "befejezes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        return forms.modelform_factory(self.forras.alkalom_model, fields=self.forras.alkalom_mezok, widgets=widgets)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        setattr(form.instance, self.forras.szulo_mezo, self.get_szulo())
        form.helper = FormHelper()
        form.helper.form_tag = False
        return form

    def form_valid(self, form):
        self.object = form.save()
        messages.success(self.request, f"{self.forras.cimke} elmentve.")
        return redirect(self.forras.szulo_url(self.get_szulo()))

    def get_context_data(self, **kwargs):
        szulo = self.get_szulo()
        uj = self.object is None
        return {
            **super().get_context_data(**kwargs),
            "cim": f"{'Új ' + self.forras.cimke.lower() if uj else self.forras.cimke + ' szerkesztése'}: {szulo}",
            "vissza_url": self.forras.szulo_url(szulo),
        }


def koordinalt_projektek(user):
    from akcioterulet.models import Projekt, Szerep

    return Projekt.objects.for_user(user, szerepek=(Szerep.KOORDINATOR,))


class SzuloUrlapView(ProjektJogMixin, UpdateView):
    """Create (no ``pk``) or edit a cohort / programme; its project is one the user coordinates."""

    forras = None
    koordinator_kell = True
    template_name = "generic/form.html"

    def get_queryset(self):
        return self.forras.szulo_queryset(self.request.user)

    def get_object(self, queryset=None):
        return super().get_object(queryset) if "pk" in self.kwargs else None

    def get_initial(self):
        # A "new" link may preset a choice, e.g. the training of a new cohort (?kepzes=3).
        mezok = self.get_form_class().base_fields
        return {k: v for k, v in self.request.GET.items() if k in mezok and k != "projekt" and v.isdigit()}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.object is not None:
            # Moving a cohort or programme to another project would strand its registrations.
            form.fields.pop("projekt", None)
        else:
            projektek = koordinalt_projektek(self.request.user)
            form.fields["projekt"].queryset = projektek
            if len(projektek) == 1:
                form.fields["projekt"].initial = projektek[0].pk
        form.helper = FormHelper()
        form.helper.form_tag = False
        return form

    def form_valid(self, form):
        self.object = form.save()
        messages.success(self.request, "Elmentve.")
        return redirect(self.forras.szulo_url(self.object))

    def get_context_data(self, **kwargs):
        nev = self.forras.szulo_model._meta.verbose_name
        return {
            **super().get_context_data(**kwargs),
            "cim": f"Új {nev}" if self.object is None else f"{self.object} – szerkesztés",
            "vissza_url": self.forras.szulo_url(self.object) if self.object else "",
        }


class SzuloReszletView(ProjektJogMixin, DetailView):
    """A cohort's / programme's page: figures and sessions for every role, names for its staff only.

    ``queryset_fn(user)`` gives the parents with their figures; the registrations are in
    the context as ``tagok``.
    """

    forras = None
    queryset_fn = None
    szemelyes = False

    def get_queryset(self):
        return self.queryset_fn(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, szulo = self.request.user, self.object
        ctx.update(
            forras=self.forras,
            koordinator=user.koordinator(szulo.projekt_id),
            szemelyes=user.lat_szemelyes_adatot(szulo.projekt_id),
            alkalmak=self.forras.alkalmak_jelenlettel(szulo),
        )
        ctx["tagok"] = self.forras.tagok(szulo) if ctx["szemelyes"] else []
        return ctx


def urlpatterns(forras, *, reszlet_sablon, reszlet_queryset, urlap) -> list:
    """The URLs of a parent (cohort / programme) and its attendance, shared by the apps.

    ``reszlet_sablon``: the parent page's template; ``reszlet_queryset``: user -> the
    parents with their figures; ``urlap``: the parent's ``ModelForm`` (with a ``projekt``).
    """
    k = forras.kulcs
    s = forras.szulo_model._meta.model_name
    reszlet = SzuloReszletView.as_view(forras=forras, template_name=reszlet_sablon, queryset_fn=reszlet_queryset)
    urlap = SzuloUrlapView.as_view(forras=forras, form_class=urlap)
    return [
        path(f"{s}/uj/", urlap, name=f"{s}_uj"),
        path(f"{s}/<int:pk>/", reszlet, name=f"{s}_reszlet"),
        path(f"{s}/<int:pk>/szerkesztes/", urlap, name=f"{s}_szerkesztes"),
        path(f"{k}/<int:pk>/jelenlet/", jelenlet_view, {"forras": forras}, name="alkalom_jelenlet"),
        path(f"{k}/<int:pk>/jelenleti-iv.pdf", jelenleti_iv_view, {"forras": forras}, name="jelenleti_iv"),
        path(f"{k}/<int:alkalom>/szerkesztes/", AlkalomUrlapView.as_view(forras=forras), name="alkalom_szerkesztes"),
        path(f"{s}/<int:pk>/jelenlet/", racs_view, {"forras": forras}, name="racs"),
        path(f"{s}/<int:pk>/felvetel/", TagFelvetelView.as_view(forras=forras), name="tag_felvetel"),
        path(f"{s}/<int:pk>/uj-{k}/", AlkalomUrlapView.as_view(forras=forras), name="alkalom_uj"),
    ]


@login_required
def kozelgo_alkalmak_view(request):
    """Upcoming sessions of trainings and programmes together (no personal data: readers see it too)."""
    return render(request, "attendance/kozelgo.html", {"alkalmak": kozelgo_alkalmak(request.user)})
