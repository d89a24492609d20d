"""Forms of the mentoring work: visits with their follow-ups, development plans, reviews, the visit list filter.

Every choice (participant, household, member present, staff) is limited
through ``for_user``; a posted id of another project is an invalid choice.
"""

import datetime
from functools import reduce
from operator import or_

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import BigIntegerField, Q, Value
from django.utils import timezone

from akcioterulet.models import AkcioTerulet, Projekt, Szerep

from .forms import (
    RovidModelChoiceField,
    _datum_widget,
    mentor_queryset,
    projekt_szerinti_valasztasok,
    sok_projektje_van,
    valasztott,
)
from .models import (
    FejlesztesiTerv,
    Felulvizsgalat,
    Haztartas,
    HaztartasTag,
    KovetoFeladat,
    Latogatas,
    LatogatasTema,
    LatogatasTipus,
    Tema,
    TervCel,
    Ugyfel,
)

VALASSZON_ELOBB = "Előbb válasszon ügyfelet vagy háztartást: a munkatársak az ő projektjükéi."


class LatogatasForm(forms.Form):
    """The phone-first visit screen: who, when, what kind, topics, notes (follow-ups are a formset)."""

    ugyfel = forms.ModelChoiceField(label="Ügyfél", queryset=Ugyfel.objects.none(), required=False)
    haztartas = forms.ModelChoiceField(label="Háztartás", queryset=Haztartas.objects.none(), required=False)
    idopont = forms.DateTimeField(
        label="Időpont",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    idotartam_perc = forms.IntegerField(
        label="Időtartam (perc)",
        min_value=1,
        max_value=24 * 60,
        initial=60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    tipus = forms.ChoiceField(
        label="Típus",
        choices=LatogatasTipus.choices,
        initial=LatogatasTipus.CSALADLATOGATAS,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
    )
    temak = forms.MultipleChoiceField(
        label="Témák",
        choices=Tema.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "btn-check"}),
    )
    jelenlevok = forms.ModelMultipleChoiceField(
        label="Jelen lévő háztartástagok",
        queryset=Ugyfel.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    munkatarsak = forms.ModelMultipleChoiceField(
        label="További munkatársak",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    jegyzet = forms.CharField(label="Feljegyzés", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, latogatas: Latogatas | None = None, **kwargs):
        self.user = user
        self.latogatas = latogatas
        if latogatas is not None:
            kwargs.setdefault(
                "initial",
                {
                    "ugyfel": latogatas.ugyfel_id,
                    "haztartas": latogatas.haztartas_id,
                    "idopont": timezone.localtime(latogatas.idopont),
                    "idotartam_perc": latogatas.idotartam_perc,
                    "tipus": latogatas.tipus,
                    "temak": [t.tema for t in latogatas.temak.all()],
                    "jelenlevok": [u.pk for u in latogatas.jelenlevok.all()],
                    "munkatarsak": [u.pk for u in latogatas.munkatarsak.all()],
                    "jegyzet": latogatas.jegyzet,
                },
            )
        super().__init__(*args, **kwargs)
        if latogatas is None:
            self.fields["idopont"].initial = timezone.localtime().replace(second=0, microsecond=0)
        # New visits are for active participants; an old visit keeps its participant even after exit.
        aktiv = Q(kilepes_datuma__isnull=True)
        if latogatas is not None and latogatas.ugyfel_id:
            aktiv |= Q(pk=latogatas.ugyfel_id)
        self.fields["ugyfel"].queryset = Ugyfel.objects.for_user(user).filter(aktiv)
        self.fields["haztartas"].queryset = Haztartas.objects.for_user(user)
        # Members of the chosen household (any household of the user's projects is accepted on POST;
        # clean() checks that they belong to the chosen one).
        self.fields["jelenlevok"].queryset = Ugyfel.objects.for_user(user)
        self.valasztott_haztartas = valasztott(self, "haztartas")
        self.valasztott_ugyfel = valasztott(self, "ugyfel")
        # The staff of the visit's project (of the chosen participant or household; before one is chosen, of
        # every project of the user), read once for the page: the co-workers here, the responsible person of
        # every follow-up row (``munkatarsak``). clean() checks a co-worker's role in the project.
        valasztott_sor = self.valasztott_ugyfel or self.valasztott_haztartas
        projekt_id = latogatas.projekt_id if latogatas else getattr(valasztott_sor, "projekt_id", None)
        munkatarsak = mentor_queryset(user, None if projekt_id is None else [projekt_id])
        if projekt_id is None and sok_projektje_van(user):
            # Someone with many projects (national staff: 900 colleagues) chooses the participant first; the
            # finder's page offers nobody until then.
            munkatarsak = munkatarsak.none()
            self.fields["munkatarsak"].help_text = VALASSZON_ELOBB
        self.munkatarsak = list(munkatarsak)
        # The author is not a co-worker of their own visit.
        szerzo_id = latogatas.szerzo_id if latogatas else user.pk
        self.fields["munkatarsak"].queryset = munkatarsak.exclude(pk=szerzo_id)
        self.fields["munkatarsak"].choices = [(u.pk, str(u)) for u in self.munkatarsak if u.pk != szerzo_id]

    def haztartas_tagjai(self):
        """The members to tick as present, as (participant, ticked) pairs: everyone who lived in the household."""
        h = self.valasztott_haztartas
        if h is None:
            return []
        jelolt = {str(v) for v in (self["jelenlevok"].value() or [])}
        tagok = (
            Ugyfel.objects.for_user(self.user)
            .filter(haztartas_tagsagok__haztartas=h)
            .distinct()
            .order_by("csaladi_nev", "utonev", "pk")
        )
        return [(u, str(u.pk) in jelolt) for u in tagok]

    def clean(self):
        cleaned = super().clean()
        ugyfel, haztartas = cleaned.get("ugyfel"), cleaned.get("haztartas")
        if "ugyfel" in self.errors or "haztartas" in self.errors:
            return cleaned
        if not ugyfel and not haztartas:
            raise forms.ValidationError("Válasszon ügyfelet vagy háztartást.")
        if ugyfel and haztartas:
            raise forms.ValidationError("Ügyfelet vagy háztartást válasszon, a kettőt együtt nem.")
        projekt_id = (ugyfel or haztartas).projekt_id
        if self.latogatas is not None and self.latogatas.projekt_id != projekt_id:
            raise forms.ValidationError("A látogatás nem tehető át másik projektbe.")
        jelenlevok = cleaned.get("jelenlevok") or []
        if jelenlevok:
            if not haztartas:
                self.add_error("jelenlevok", "Jelen lévő tagok csak háztartás látogatásánál adhatók meg.")
            else:
                tagok = set(haztartas.tagsagok.values_list("ugyfel_id", flat=True))
                if any(u.pk not in tagok for u in jelenlevok):
                    self.add_error("jelenlevok", "Csak a háztartás tagjai jelölhetők jelen lévőnek.")
        for munkatars in cleaned.get("munkatarsak") or []:
            if munkatars.szerep(projekt_id) not in (Szerep.MENTOR, Szerep.KOORDINATOR):
                self.add_error("munkatarsak", f"{munkatars} nem munkatársa ennek a projektnek.")
        idopont = cleaned.get("idopont")
        if idopont and idopont > timezone.now() + datetime.timedelta(days=1):
            self.add_error("idopont", "A látogatás időpontja nem lehet a jövőben.")
        self.projekt_id = projekt_id
        return cleaned


class KovetoFeladatForm(forms.ModelForm):
    """One agreed next step: what, by when, who."""

    class Meta:
        model = KovetoFeladat
        fields = ["leiras", "hatarido", "felelos"]
        widgets = {"hatarido": _datum_widget()}

    def __init__(self, *args, user, munkatarsak=None, **kwargs):
        super().__init__(*args, **kwargs)
        felelos = self.fields["felelos"]
        felelos.queryset = mentor_queryset(user)
        if munkatarsak is not None:
            # Read once for every row of the formset (and its template row); a POST is checked against the queryset.
            ures = [("", felelos.empty_label)] if felelos.empty_label is not None else []
            felelos.choices = ures + [(u.pk, str(u)) for u in munkatarsak]
        if not self.instance.pk:
            felelos.initial = user.pk
        # An untouched extra row is skipped; a started one needs its text (checked in clean()).
        self.fields["leiras"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("DELETE") and self.has_changed():
            if not cleaned.get("leiras"):
                self.add_error("leiras", "Írja le a teendőt.")
        return cleaned


KovetoFeladatFormSet = forms.inlineformset_factory(
    Latogatas, KovetoFeladat, form=KovetoFeladatForm, extra=1, can_delete=True
)


def feladat_sorok(formset, projekt_id):
    """The formset's rows as ``latogatas_rogzites(feladatok=...)`` wants them; checks the responsible person.

    Returns None (and adds the error to the form) when a responsible person is
    not staff of the visit's project.
    """
    sorok = []
    hibas = False
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        d = form.cleaned_data
        if not d:
            continue
        felelos = d.get("felelos")
        if not d.get("DELETE") and felelos and felelos.szerep(projekt_id) not in (Szerep.MENTOR, Szerep.KOORDINATOR):
            form.add_error("felelos", "A felelős nem munkatársa ennek a projektnek.")
            hibas = True
            continue
        sorok.append(
            {
                "obj": form.instance if form.instance.pk else None,
                "torles": bool(d.get("DELETE")),
                "leiras": d.get("leiras", ""),
                "hatarido": d.get("hatarido"),
                "felelos": felelos,
            }
        )
    return None if hibas else sorok


class FejlesztesiTervForm(forms.ModelForm):
    class Meta:
        model = FejlesztesiTerv
        fields = ["keszult", "felulvizsgalat_honap", "helyzetleiras", "lezarva"]
        widgets = {"keszult": _datum_widget(), "lezarva": _datum_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["felulvizsgalat_honap"].min_value = 1
        self.fields["felulvizsgalat_honap"].widget.attrs["min"] = 1
        if not self.instance.pk:
            self.fields["keszult"].initial = timezone.localdate()
            del self.fields["lezarva"]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_felulvizsgalat_honap(self):
        n = self.cleaned_data["felulvizsgalat_honap"]
        if not n or n < 1 or n > 24:
            raise forms.ValidationError("1 és 24 hónap között adja meg.")
        return n

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lezarva") and cleaned.get("keszult") and cleaned["lezarva"] < cleaned["keszult"]:
            self.add_error("lezarva", "A lezárás nem lehet a terv elkészülte előtt.")
        return cleaned


class TervCelForm(forms.ModelForm):
    class Meta:
        model = TervCel
        fields = ["terulet", "leiras", "hatarido", "felelos", "statusz", "ertekeles", "teljesult_datum"]
        widgets = {
            "hatarido": _datum_widget(),
            "teljesult_datum": _datum_widget(),
            "leiras": forms.Textarea(attrs={"rows": 2}),
            "ertekeles": forms.Textarea(attrs={"rows": 2}),
        }


TervCelFormSet = forms.inlineformset_factory(FejlesztesiTerv, TervCel, form=TervCelForm, extra=1, can_delete=True)


def cel_sorok(formset):
    """The goal formset's rows as ``terv_mentes(celok=...)`` wants them."""
    sorok = []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        d = dict(form.cleaned_data)
        if not d:
            continue
        d.pop("terv", None)
        d.pop("id", None)
        torles = bool(d.pop("DELETE", False))
        sorok.append({**d, "obj": form.instance if form.instance.pk else None, "torles": torles})
    return sorok


class FelulvizsgalatForm(forms.ModelForm):
    class Meta:
        model = Felulvizsgalat
        fields = ["datum", "megallapitasok"]
        widgets = {"datum": _datum_widget(), "megallapitasok": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError("A felülvizsgálat dátuma nem lehet a jövőben.")
        return datum


class LatogatasSzuroForm(forms.Form):
    """Filters of the visit list; every choice is scoped to the user's projects."""

    # Shown to someone with more than one project.
    projekt = RovidModelChoiceField(label="Projekt", queryset=Projekt.objects.none(), required=False)
    mentor = RovidModelChoiceField(label="Munkatárs", queryset=get_user_model().objects.none(), required=False)
    tol = forms.DateField(label="Dátumtól", required=False, widget=_datum_widget())
    ig = forms.DateField(label="Dátumig", required=False, widget=_datum_widget())
    tema = forms.ChoiceField(label="Téma", required=False, choices=[("", "mind"), *Tema.choices])
    tipus = forms.ChoiceField(label="Típus", required=False, choices=[("", "mind"), *LatogatasTipus.choices])
    akcioterulet = RovidModelChoiceField(label="Akcióterület", queryset=AkcioTerulet.objects.none(), required=False)
    # A text, not a list to choose from: a project has thousands of participants and households.
    kit = forms.CharField(
        label="Ügyfél vagy háztartás",
        required=False,
        max_length=100,
        help_text="Név, cím vagy TAJ-szám részlete; egy háztartást a tagjai neve is megtalál.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.is_superuser or len(user.projekt_idk()) > 1:
            self.fields["projekt"].queryset = Projekt.objects.for_user(
                user, szerepek=(Szerep.KOORDINATOR, Szerep.MENTOR)
            ).only("kod", "telepules")
        else:
            del self.fields["projekt"]
        projekt_szerinti_valasztasok(self, user)

    def szur(self, qs, *, kit=True):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d.get("projekt"):
            qs = qs.filter(projekt=d["projekt"])
        if d["mentor"]:
            qs = qs.filter(szerzo=d["mentor"])
        if d["tol"]:
            qs = qs.filter(idopont__date__gte=d["tol"])
        if d["ig"]:
            qs = qs.filter(idopont__date__lte=d["ig"])
        if d["tema"]:
            qs = qs.filter(temak__tema=d["tema"])
        if d["tipus"]:
            qs = qs.filter(tipus=d["tipus"])
        if d["akcioterulet"]:
            qs = qs.filter(Q(ugyfel__akcioterulet=d["akcioterulet"]) | Q(haztartas__akcioterulet=d["akcioterulet"]))
        return self.szur_nev_szerint(qs) if kit else qs

    def szur_nev_szerint(self, qs):
        """``qs`` filtered by the name (``kit``): by a UNION of the visits found each way (``_kit_reszek``); an OR
        of the three would scan every visit of the project (18-21 ms against 3 ms on 100,000 visits)."""
        if not self.is_valid() or not self.cleaned_data["kit"].strip():
            return qs
        reszek = self._kit_reszek(self.cleaned_data["kit"])
        elso, *tobbi = (Latogatas.objects.filter(q).order_by().values("pk") for q in reszek)
        return qs.filter(pk__in=elso.union(*tobbi, all=True))

    def _kit_reszek(self, kit: str) -> list[Q]:
        """The visits of a name or address: of the participant, of a household one of whose members (now or
        before) it is, or of the household itself; each read through the participant's or the household's index."""
        ugyfelek = Ugyfel.objects.for_user(self.user).kereses(kit).values("pk")
        tagok_haztartasai = HaztartasTag.objects.filter(ugyfel__in=ugyfelek).values("haztartas")
        haztartasok = Haztartas.objects.for_user(self.user).cim_kereses(kit).values("pk")
        return [Q(ugyfel__in=ugyfelek), Q(haztartas__in=tagok_haztartasai), Q(haztartas__in=haztartasok)]

    # Up to this many participants found by a name (each with each household of theirs) and households found by it,
    # together, the list reads the visits of each of them by index; past it, it reads the visits newest first and
    # checks each against the searches until a page is full.
    NEV_KEVES = 600

    def nev_szerinti_idk(self, szurt):
        """Under a name (``kit``): the ids of the visits ``szurt`` (filtered by everything but the name:
        ``szur(qs, kit=False)``) found by it, newest first (rows of (id, time), or ids); or None without a name.

        The participants and the households found come first, as ids (one query, two index scans of the search
        text). A few of them (``NEV_KEVES``), as under a full name: a UNION of the visits of those participants and
        of their households, read by index and sorted (a household visit found both ways is listed once). Many, as
        under a common family name or two letters: the visits newest first, each checked against the searches (each
        read once, into a hash), until the page is full. The other way round each costs far more: the union sorts
        every visit of thousands of people (60 ms under two letters), the scan reads every visit of the project
        when only a handful match (40 ms under a full name).
        """
        if not self.is_valid() or not self.cleaned_data["kit"].strip():
            return None
        kit = self.cleaned_data["kit"]
        szurt = szurt.order_by()
        # In one query: each participant found with each household they are or were a member of (None: of none),
        # and each household found by its own name or address (no participant).
        parok = (
            Ugyfel.objects.for_user(self.user)
            .kereses(kit)
            .order_by()
            .values_list("pk", "haztartas_tagsagok__haztartas")
        )
        haztartasok = (
            Haztartas.objects.for_user(self.user)
            .cim_kereses(kit)
            .order_by()
            .values_list(Value(None, output_field=BigIntegerField()), "pk")
        )
        talalatok = list(parok.union(haztartasok, all=True)[: self.NEV_KEVES + 1])
        if len(talalatok) > self.NEV_KEVES:
            return (
                szurt.filter(reduce(or_, self._kit_reszek(kit)))
                .order_by("-idopont", "-pk")
                .values_list("pk", flat=True)
            )
        ugyfel_idk = sorted({ugyfel for ugyfel, _haztartas in talalatok if ugyfel})
        haztartas_idk = sorted({haztartas for _ugyfel, haztartas in talalatok if haztartas})
        agak = [
            szurt.filter(**{feltetel: idk}).values_list("pk", "idopont")
            for feltetel, idk in (("ugyfel_id__in", ugyfel_idk), ("haztartas_id__in", haztartas_idk))
            if idk
        ]
        if not agak:
            return szurt.none().values_list("pk", flat=True)
        elso, *tobbi = agak
        # UNION, not UNION ALL: a household visit found both by a member's name and by the household's own.
        return (elso.union(*tobbi) if tobbi else elso).order_by("-idopont", "-pk")

    def tema_szerinti_idk(self):
        """The ids of the filtered visits in list order (newest first) from the topics' index alone, or None.

        The topics' copies of their visit's project and time answer a filter by a topic within one project (the
        user's only one, or the one chosen), narrowed by a date range or not. Any other filter (a staff member, a
        type, an area, a name), or several projects, and the visits' own query reads the page (None).
        """
        if not self.is_valid() or not self.cleaned_data["tema"]:
            return None
        d = self.cleaned_data
        if d["mentor"] or d["tipus"] or d["akcioterulet"] or d["kit"].strip():
            return None
        if d.get("projekt"):
            projekt_id = d["projekt"].pk  # one of the user's own (the drop-down's queryset)
        else:
            sajat = self.user.projekt_idk((Szerep.KOORDINATOR, Szerep.MENTOR))
            if self.user.is_superuser or len(sajat) != 1:
                return None
            projekt_id = sajat[0]
        qs = LatogatasTema.objects.filter(projekt_id=projekt_id, tema=d["tema"])
        if d["tol"]:
            qs = qs.filter(idopont__gte=_nap_kezdete(d["tol"]))
        if d["ig"]:
            qs = qs.filter(idopont__lt=_nap_kezdete(d["ig"] + datetime.timedelta(days=1)))
        return qs.order_by("-idopont", "-latogatas_id").values_list("latogatas_id", flat=True)


def _nap_kezdete(nap: datetime.date) -> datetime.datetime:
    """Midnight of ``nap`` in the current time zone (where ``idopont__date`` counts its days from)."""
    return timezone.make_aware(datetime.datetime.combine(nap, datetime.time.min))
