from functools import partial

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.forms.models import ModelChoiceIterator

from akcioterulet.models import AkcioTerulet, Projekt, Szerep, Tagsag
from core.adatverzio import Gyorsito

from .models import Haztartas, HaztartasTag, Hozzajarulas, KulonlegesAdat, Ugyfel, Valasz
from .validators import taj_normalizal

IGEN_NEM_CHOICES = [("", "– nincs megadva –"), ("true", "igen"), ("false", "nem")]


def _datum_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def mentor_queryset(user, projekt_idk=None):
    """Staff who are mentors or coordinators of the user's projects (assignable as a participant's mentor)."""
    # The memberships of the user's projects (scoped as the projects are), without a subquery of the projects.
    tagsagok = Tagsag.objects.for_user(user).filter(szerep__in=[Szerep.MENTOR, Szerep.KOORDINATOR])
    if projekt_idk is not None:
        tagsagok = tagsagok.filter(projekt_id__in=projekt_idk)
    # Memberships as a subquery: joined, a member of several projects would need a DISTINCT over every column.
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=tagsagok.values("felhasznalo"))
        .order_by("last_name", "first_name")
    )


# Beyond this many projects (a national programme's staff see every one), the staff and action-area filters
# offer the chosen project's only: 900 colleagues and 300 areas in one drop-down can be neither read nor sent fast.
SOK_PROJEKT = 5
PROJEKTTEL_SZURHETO = "Előbb válasszon projektet."


def sok_projektje_van(user) -> bool:
    return user.is_superuser or len(user.projekt_idk()) > SOK_PROJEKT


def projekt_szerinti_valasztasok(form, user, mentor="mentor", akcioterulet="akcioterulet"):
    """Scope the staff and action-area choices of a filter form: every one of the user's projects, or, for
    someone with many projects, those of the project chosen in the form (none until one is chosen)."""
    projekt_idk = None
    if sok_projektje_van(user):
        try:
            projekt_idk = [int(form["projekt"].value())]
        except (TypeError, ValueError):
            projekt_idk = []
    # Only what the option label (``Felhasznalo.teljes_nev``) needs: not every column of every staff member.
    munkatarsak = mentor_queryset(user, projekt_idk).only("first_name", "last_name", "username")
    teruletek = AkcioTerulet.objects.for_user(user)
    if projekt_idk is not None:
        teruletek = teruletek.filter(projekt_id__in=projekt_idk)
    form.fields[mentor].queryset = munkatarsak if projekt_idk != [] else munkatarsak.none()
    form.fields[akcioterulet].queryset = teruletek if projekt_idk != [] else teruletek.none()
    if projekt_idk == []:
        for mezo in (mentor, akcioterulet):
            form.fields[mezo].help_text = PROJEKTTEL_SZURHETO
            form.fields[mezo].disabled = True
        return
    # The rows of both drop-downs, kept under the data versions of the tables and columns they read
    # (``core.adatverzio``): a list page reads the versions in one query instead of two drop-downs' rows. A new
    # colleague, a renamed or deactivated one, a new area: the next page reads them afresh.
    gyorsito = Gyorsito(user, "szuro_valasztasok", (projekt_idk, mentor, akcioterulet))
    sorok = gyorsito.reszek({mezo: partial(list, form.fields[mezo].queryset) for mezo in (mentor, akcioterulet)})
    for mezo, mezo_sorai in sorok.items():
        form.fields[mezo].sorok = mezo_sorai


def valasztott(form, mezo):
    """The object chosen in the model choice field ``mezo`` of ``form`` (in its data, or its initial value),
    among the field's (scoped) queryset; None if nothing, or nothing it holds, is chosen."""
    try:
        return form.fields[mezo].queryset.filter(pk=int(form[mezo].value())).first()
    except (TypeError, ValueError):
        return None


class _EgyLekerdezesIterator(ModelChoiceIterator):
    """Reads a short choice list with one plain query, or none when the field holds its rows already (``sorok``).

    Django's iterator opens a server-side cursor on PostgreSQL (DECLARE, FETCH,
    CLOSE: three round trips per drop-down); a filter bar with three
    drop-downs paid six extra round trips on every list page.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.sorai():
            yield self.choice(obj)


class RovidModelChoiceField(forms.ModelChoiceField):
    """A model choice field for short lists (projects, action areas, staff of the user's projects).

    The choices are read once: a submitted value is looked up among the rows the drop-down shows (the field's
    queryset keeps them), not by a query of its own.
    """

    iterator = _EgyLekerdezesIterator
    # The rows of ``queryset`` when they were read already (kept: ``projekt_szerinti_valasztasok``).
    sorok = None

    def sorai(self):
        return self.queryset if self.sorok is None else self.sorok

    def to_python(self, value):
        if value in self.empty_values:
            return None
        model = self.queryset.model
        mezo = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        if isinstance(value, model):
            value = mezo.value_from_object(value)
        hiba = forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )
        try:
            kulcs = mezo.to_python(value)
        except forms.ValidationError:
            raise hiba from None
        # Among the rows the drop-down shows, read once.
        talalt = next((obj for obj in self.sorai() if mezo.value_from_object(obj) == kulcs), None)
        if talalt is None:
            raise hiba
        return talalt


# The short drop-downs of a record's form, each read with one plain query (``RovidModelChoiceField``).
ROVID_VALASZTASOK = {
    "projekt": RovidModelChoiceField,
    "akcioterulet": RovidModelChoiceField,
    "mentor": RovidModelChoiceField,
}


class ProjektValasztoForm(forms.Form):
    """The first step of a new record's form for someone with many projects (``sok_projektje_van``): the project,
    whose action areas and staff the record's own form then offers."""

    projekt = RovidModelChoiceField(label="Projekt", queryset=Projekt.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projekt"].queryset = Projekt.objects.for_user(
            user, szerepek=(Szerep.KOORDINATOR, Szerep.MENTOR)
        ).only("kod", "telepules")


class ScopedFormMixin:
    """Limits project, action-area and staff choices to the signed-in user's projects; for a saved record, whose
    project does not change, to its project.

    Someone with many projects (a national programme's staff: 300 projects, 900 colleagues, 300 areas) chooses the
    project of a new record first (``projekt_elobb``: the view shows ``ProjektValasztoForm``); the form then offers
    that project alone, with its areas and staff.
    """

    # True when the project of a new record is to be chosen before this form is shown.
    projekt_elobb = False

    def _valasztott_projekt(self, projektek) -> list:
        """The project chosen for a new record (in the submitted data, or the initial value from the first step)
        among ``projektek``: a list of it, or an empty one."""
        ertek = self.data.get(self.add_prefix("projekt")) if self.is_bound else self.initial.get("projekt")
        try:
            return list(projektek.filter(pk=int(ertek)))
        except (TypeError, ValueError):
            return []

    def _scope(self, user):
        # The projects whose areas and staff are choices: one (a saved record's, or the one chosen first), none (not
        # chosen yet), or every one of the user's (None).
        projekt_idk = None
        if self.instance.pk:
            # A record stays in its project: only its project's areas and staff are choices.
            self.fields.pop("projekt", None)
            projekt_idk = [self.instance.projekt_id]
        elif "projekt" in self.fields:
            projektek = Projekt.objects.for_user(user, szerepek=(Szerep.KOORDINATOR, Szerep.MENTOR))
            if sok_projektje_van(user):
                # The chosen project alone (none before one is chosen: a submitted form without one is refused),
                # read once, for this and for the drop-down (``RovidModelChoiceField.sorok``).
                valasztott = self._valasztott_projekt(projektek)
                self.projekt_elobb = not valasztott and not self.is_bound
                projekt_idk = [p.pk for p in valasztott]
                self.fields["projekt"].queryset = projektek.filter(pk__in=projekt_idk)
                self.fields["projekt"].sorok = valasztott
                self.initial["projekt"] = projekt_idk[0] if projekt_idk else None
            else:
                self.fields["projekt"].queryset = projektek
                # Read once, for this and for the drop-down (a short list: ``ROVID_VALASZTASOK``): the field's own
                # copy.
                projektek = self.fields["projekt"].queryset
                if len(projektek) == 1 and not self.initial.get("projekt"):
                    self.initial["projekt"] = projektek[0].pk
        if "akcioterulet" in self.fields:
            teruletek = AkcioTerulet.objects.for_user(user).select_related("projekt")
            if projekt_idk is not None:
                teruletek = teruletek.filter(projekt_id__in=projekt_idk)
            self.fields["akcioterulet"].queryset = teruletek
        if "mentor" in self.fields:
            self.fields["mentor"].queryset = mentor_queryset(user, projekt_idk)

    def clean(self):
        cleaned = super().clean()
        projekt = cleaned.get("projekt") or getattr(self.instance, "projekt", None)
        akcioterulet = cleaned.get("akcioterulet")
        if projekt and akcioterulet and akcioterulet.projekt_id != projekt.pk:
            self.add_error("akcioterulet", "Az akcióterület nem ehhez a projekthez tartozik.")
        mentor = cleaned.get("mentor")
        if projekt and mentor and mentor.szerep(projekt) not in (Szerep.MENTOR, Szerep.KOORDINATOR):
            self.add_error("mentor", "A mentor nem tagja a projektnek.")
        return cleaned


class UgyfelForm(ScopedFormMixin, forms.ModelForm):
    taj = forms.CharField(label="TAJ szám", required=False, max_length=15, help_text="9 számjegy, pl. 123 456 789.")
    haztartas_munkanelkuli = forms.NullBooleanField(
        label="Munkanélküli háztartásban él",
        required=False,
        widget=forms.Select(choices=IGEN_NEM_CHOICES),
    )
    haztartas_eltartott_gyermekkel = forms.NullBooleanField(
        label="Eltartott gyermekkel élő háztartásban él", required=False, widget=forms.Select(choices=IGEN_NEM_CHOICES)
    )
    haztartas_egyedulallo_szulo = forms.NullBooleanField(
        label="Egy felnőttből és eltartott gyermek(ek)ből álló háztartásban él",
        required=False,
        widget=forms.Select(choices=IGEN_NEM_CHOICES),
    )

    class Meta:
        model = Ugyfel
        field_classes = ROVID_VALASZTASOK
        fields = [
            "projekt",
            "csaladi_nev",
            "utonev",
            "szuletesi_nev",
            "anyja_neve",
            "szuletesi_hely",
            "szuletesi_datum",
            "nem",
            "taj",
            "iranyitoszam",
            "telepules",
            "cim",
            "akcioterulet",
            "telefon",
            "email",
            "mentor",
            "bevonas_datuma",
            "megallapodas_datuma",
            "munkaeropiaci_statusz",
            "iskolai_vegzettseg",
            "haztartas_munkanelkuli",
            "haztartas_eltartott_gyermekkel",
            "haztartas_egyedulallo_szulo",
            "hajlektalan",
        ]
        widgets = {
            "szuletesi_datum": _datum_widget(),
            "bevonas_datuma": _datum_widget(),
            "megallapodas_datuma": _datum_widget(),
            "telefon": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._scope(user)
        if self.instance.pk:
            self.fields["taj"].initial = self.instance.taj_formazott
        self.fields["akcioterulet"].help_text = "Üresen hagyva a címből állapítjuk meg."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                "Személyazonosság",
                *(["projekt"] if "projekt" in self.fields else []),
                Div(Div("csaladi_nev", css_class="col-sm-6"), Div("utonev", css_class="col-sm-6"), css_class="row"),
                Div(
                    Div("szuletesi_nev", css_class="col-sm-6"), Div("anyja_neve", css_class="col-sm-6"), css_class="row"
                ),
                Div(
                    Div("szuletesi_hely", css_class="col-sm-6"),
                    Div("szuletesi_datum", css_class="col-sm-6"),
                    css_class="row",
                ),
                Div(Div("nem", css_class="col-sm-6"), Div("taj", css_class="col-sm-6"), css_class="row"),
            ),
            Fieldset(
                "Elérhetőség",
                Div(Div("iranyitoszam", css_class="col-sm-3"), Div("telepules", css_class="col-sm-9"), css_class="row"),
                "cim",
                "akcioterulet",
                Div(Div("telefon", css_class="col-sm-6"), Div("email", css_class="col-sm-6"), css_class="row"),
            ),
            Fieldset(
                "Bevonás",
                "mentor",
                Div(
                    Div("bevonas_datuma", css_class="col-sm-6"),
                    Div("megallapodas_datuma", css_class="col-sm-6"),
                    css_class="row",
                ),
            ),
            Fieldset(
                "Belépési adatok (ESF)",
                "munkaeropiaci_statusz",
                "iskolai_vegzettseg",
                "haztartas_munkanelkuli",
                "haztartas_eltartott_gyermekkel",
                "haztartas_egyedulallo_szulo",
                "hajlektalan",
            ),
        )

    def clean_taj(self):
        return taj_normalizal(self.cleaned_data.get("taj"))


class KilepesForm(forms.ModelForm):
    class Meta:
        model = Ugyfel
        fields = ["kilepes_datuma", "kilepes_oka", "eredmeny_28", "eredmeny_6ho"]
        widgets = {"kilepes_datuma": _datum_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kilepes_datuma"].required = True
        self.fields["kilepes_oka"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False


class UgyfelSzuroForm(forms.Form):
    q = forms.CharField(label="Keresés", required=False, help_text="Név, születési név, TAJ vagy cím.")
    projekt = RovidModelChoiceField(label="Projekt", queryset=Projekt.objects.none(), required=False)
    akcioterulet = RovidModelChoiceField(label="Akcióterület", queryset=AkcioTerulet.objects.none(), required=False)
    mentor = RovidModelChoiceField(label="Mentor", queryset=None, required=False)
    allapot = forms.ChoiceField(
        label="Állapot",
        required=False,
        choices=[("", "mind"), ("aktiv", "aktív"), ("kilepett", "kilépett")],
    )
    hianyos = forms.BooleanField(label="Csak hiányos belépési adatok", required=False)
    kivul = forms.BooleanField(label="Csak akcióterületen kívüli cím", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projekt"].queryset = Projekt.objects.for_user(user, szerepek=(Szerep.KOORDINATOR, Szerep.MENTOR))
        projekt_szerinti_valasztasok(self, user)

    def szur(self, qs):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d["q"]:
            qs = qs.kereses(d["q"])
        if d["projekt"]:
            qs = qs.filter(projekt=d["projekt"])
        if d["akcioterulet"]:
            qs = qs.filter(akcioterulet=d["akcioterulet"])
        if d["mentor"]:
            qs = qs.filter(mentor=d["mentor"])
        if d["allapot"] == "aktiv":
            qs = qs.aktiv()
        elif d["allapot"] == "kilepett":
            qs = qs.kilepett()
        if d["hianyos"]:
            qs = qs.hianyos()
        if d["kivul"]:
            qs = qs.filter(akcioteruleten_kivul=True)
        return qs


class HaztartasForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Haztartas
        field_classes = ROVID_VALASZTASOK
        fields = [
            "projekt",
            "nev",
            "iranyitoszam",
            "telepules",
            "cim",
            "akcioterulet",
            "egyeb_tagok_szama",
            "gyermekek_szama",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._scope(user)
        self.fields["akcioterulet"].help_text = "Üresen hagyva a címből állapítjuk meg."
        self.helper = FormHelper()
        self.helper.form_tag = False


class HaztartasSzuroForm(forms.Form):
    q = forms.CharField(label="Keresés", required=False, help_text="Megnevezés vagy cím.")
    akcioterulet = RovidModelChoiceField(label="Akcióterület", queryset=AkcioTerulet.objects.none(), required=False)
    kivul = forms.BooleanField(label="Csak akcióterületen kívüli cím", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["akcioterulet"].queryset = AkcioTerulet.objects.for_user(user)

    def szur(self, qs):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        qs = qs.cim_kereses(d["q"])
        if d["akcioterulet"]:
            qs = qs.filter(akcioterulet=d["akcioterulet"])
        if d["kivul"]:
            qs = qs.filter(akcioteruleten_kivul=True)
        return qs


class HaztartasTagForm(forms.ModelForm):
    """A new member: the participant is found by a search on the page (a project has thousands, no list could
    hold them) and arrives as a hidden id, checked against the household's project."""

    class Meta:
        model = HaztartasTag
        fields = ["ugyfel", "mettol", "rokoni_kapcsolat"]
        widgets = {"mettol": _datum_widget(), "ugyfel": forms.HiddenInput}

    def __init__(self, *args, haztartas, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.haztartas = haztartas
        self.fields["ugyfel"].queryset = Ugyfel.objects.for_user(user).filter(projekt=haztartas.projekt_id)
        self.fields["ugyfel"].error_messages["required"] = "Keresse meg és válassza ki az ügyfelet."
        self.helper = FormHelper()
        self.helper.form_tag = False

    def valasztott_ugyfel(self):
        """The participant chosen (in the data or the initial values, within the household's project), or None."""
        return valasztott(self, "ugyfel")


# --- Privacy screens (issue 9) ---

# Purposes a participant may consent to (stored as the keys in Hozzajarulas.celok).
HOZZAJARULAS_CELOK = [
    ("nyilvantartas", "részvétel a projektben, nyilvántartás és kapcsolattartás"),
    ("monitoring", "adatszolgáltatás a támogató felé (ESF monitoring, indikátorok)"),
    ("kepzes", "képzésre, programra jelentkezés, jelenléti ív"),
    ("fenykep", "fénykép, videó készítése a rendezvényeken (nyilvánosság)"),
]


# The version of the data-processing notice currently handed out.
TAJEKOZTATO_VERZIO = "2026/1"


class HozzajarulasForm(forms.ModelForm):
    tajekoztato_verzio = forms.CharField(
        label="Adatkezelési tájékoztató verziója", max_length=40, initial=TAJEKOZTATO_VERZIO
    )
    celok = forms.MultipleChoiceField(
        label="Adatkezelési célok", choices=HOZZAJARULAS_CELOK, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Hozzajarulas
        fields = ["datum", "tajekoztato_verzio", "celok", "kulonleges_adatokhoz"]
        widgets = {"datum": _datum_widget()}

    def clean_datum(self):
        from django.utils import timezone

        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError("A hozzájárulás dátuma nem lehet a jövőben.")
        return datum


class KulonlegesAdatForm(forms.ModelForm):
    class Meta:
        model = KulonlegesAdat
        fields = list(KulonlegesAdat.ERZEKENY_MEZOK)
        widgets = {m: forms.RadioSelect for m in KulonlegesAdat.ERZEKENY_MEZOK}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for mezo in self.fields.values():
            mezo.choices = [("", "nincs rögzítve"), *Valasz.choices]
        self.fields["kisebbseg"].help_text = (
            "A nemzetiség megvallása az érintett kizárólagos joga (Njtv. 11. §): csak az ő nyilatkozata alapján, "
            "soha nem a munkatárs becslése szerint rögzíthető."
        )


class NaploSzuroForm(forms.Form):
    mettol = forms.DateField(label="Mettől", required=False, widget=_datum_widget())
    meddig = forms.DateField(label="Meddig", required=False, widget=_datum_widget())

    def szur(self, qs):
        if not self.is_valid():
            return qs
        if self.cleaned_data["mettol"]:
            qs = qs.filter(idopont__date__gte=self.cleaned_data["mettol"])
        if self.cleaned_data["meddig"]:
            qs = qs.filter(idopont__date__lte=self.cleaned_data["meddig"])
        return qs
