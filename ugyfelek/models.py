import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from akcioterulet.models import AkcioTerulet, Projekt
from core.models import NaploQuerySet
from core.scoping import ScopedQuerySet

from .validators import taj_formazott, validate_taj


class Valasz(models.TextChoices):
    """An answer to a sensitive question: the person may always decline."""

    IGEN = "igen", "igen"
    NEM = "nem", "nem"
    NEM_VALASZOLT = "nem_valaszolt", "nem kíván válaszolni"


class Nem(models.TextChoices):
    FERFI = "ferfi", "férfi"
    NO = "no", "nő"


class MunkaeropiaciStatusz(models.TextChoices):
    MUNKANELKULI = "munkanelkuli", "munkanélküli (nem tartós)"
    TARTOSAN_MUNKANELKULI = "tartosan_munkanelkuli", "tartósan munkanélküli"
    INAKTIV_OKTATASBAN = "inaktiv_oktatasban", "inaktív, oktatásban vagy képzésben részt vesz"
    INAKTIV = "inaktiv", "inaktív, nem vesz részt oktatásban"
    FOGLALKOZTATOTT = "foglalkoztatott", "foglalkoztatott (önfoglalkoztató is)"


class IskolaiVegzettseg(models.TextChoices):
    ISCED_0 = "isced_0", "nincs befejezett iskolai végzettség (ISCED 0)"
    ISCED_1_2 = "isced_1_2", "alapfokú: 8 általánosnál kevesebb vagy 8 általános (ISCED 1–2)"
    ISCED_3_4 = "isced_3_4", "középfokú: szakiskola, szakmunkás, érettségi (ISCED 3–4)"
    ISCED_5_8 = "isced_5_8", "felsőfokú: főiskola, egyetem (ISCED 5–8)"


class KilepesOka(models.TextChoices):
    PROGRAM_VEGE = "program_vege", "a program befejeződött"
    CEL_TELJESULT = "cel_teljesult", "a fejlesztési célok teljesültek"
    ELKOLTOZOTT = "elkoltozott", "elköltözött"
    KILEPETT = "kilepett", "saját döntés alapján kilépett"
    EGYUTTMUKODES_MEGSZUNT = "egyuttmukodes_megszunt", "nem működött együtt"
    ELHUNYT = "elhunyt", "elhunyt"
    EGYEB = "egyeb", "egyéb"


class Eredmeny28(models.TextChoices):
    """The result within 28 days of exit: only the last event of that window counts."""

    NINCS = "nincs", "nincs változás"
    ALLASKERESO = "allaskereso", "álláskereső lett"
    OKTATASBAN = "oktatasban", "oktatásban vagy képzésben vesz részt"
    KEPESITES = "kepesites", "képesítést szerzett"
    FOGLALKOZTATOTT = "foglalkoztatott", "foglalkoztatott (önfoglalkoztató is)"


class Eredmeny6Ho(models.TextChoices):
    NINCS = "nincs", "nincs változás"
    FOGLALKOZTATOTT = "foglalkoztatott", "foglalkoztatott (önfoglalkoztató is)"
    JOBB_HELYZET = "jobb_helyzet", "javult a munkaerőpiaci helyzete"


class UgyfelQuerySet(ScopedQuerySet):
    def teljes(self):
        """Records whose entry data are complete: only these count in the breakdowns."""
        return self.filter(Ugyfel.TELJES_Q)

    def hianyos(self):
        return self.exclude(Ugyfel.TELJES_Q)

    def aktiv(self):
        return self.filter(kilepes_datuma__isnull=True)

    def kilepett(self):
        return self.filter(kilepes_datuma__isnull=False)

    def kereses(self, szoveg: str):
        """Accent- and case-insensitive search on name, birth name, TAJ and address."""
        from core.text import fold

        q = Q()
        for szo in fold(szoveg).split():
            szam = szo.replace("-", "")
            feltetel = Q(kereso_szoveg__contains=szo)
            if szam.isdigit():
                feltetel |= Q(taj__contains=szam)
            q &= feltetel
        return self.filter(q)


# A participant's entry data is complete (the ESF participant record): ``Ugyfel.TELJES_Q``. At module level so that
# the model's Meta can index the participants it leaves out (``ugyfel_hianyos_idx``).
TELJES_Q = (
    ~Q(nem="")
    & ~Q(munkaeropiaci_statusz="")
    & ~Q(iskolai_vegzettseg="")
    & Q(szuletesi_datum__isnull=False)
    & Q(haztartas_munkanelkuli__isnull=False)
    & Q(haztartas_eltartott_gyermekkel__isnull=False)
    & Q(haztartas_egyedulallo_szulo__isnull=False)
)
# Not anonymised: the rows the data-quality checks read.
_ELO = Q(anonimizalva__isnull=True)


class Ugyfel(models.Model):
    """A participant (résztvevő): a resident of the action area who joined the project.

    Joins by a written document (cooperation agreement or development plan);
    the ESF entry data are recorded at entry, the exit data and the 28-day and
    6-month results when they leave. Special-category answers live apart, in
    ``KulonlegesAdat``.
    """

    projekt = models.ForeignKey(Projekt, on_delete=models.PROTECT, related_name="ugyfelek")

    csaladi_nev = models.CharField("családi név", max_length=100)
    utonev = models.CharField("utónév", max_length=100)
    szuletesi_nev = models.CharField("születési név", max_length=200, blank=True)
    anyja_neve = models.CharField("anyja születési neve", max_length=200)
    szuletesi_hely = models.CharField("születési hely", max_length=100, blank=True)
    szuletesi_datum = models.DateField("születési dátum")
    nem = models.CharField("nem", max_length=10, choices=Nem.choices)
    taj = models.CharField(
        "TAJ szám",
        max_length=9,
        blank=True,
        validators=[validate_taj],
        help_text="9 számjegy, pl. 123 456 789.",
    )

    iranyitoszam = models.CharField("irányítószám", max_length=4, blank=True)
    telepules = models.CharField("település", max_length=100, blank=True)
    cim = models.CharField("cím", max_length=200, blank=True, help_text="Utca, házszám.")
    akcioterulet = models.ForeignKey(
        AkcioTerulet, on_delete=models.SET_NULL, null=True, blank=True, related_name="ugyfelek"
    )
    akcioteruleten_kivul = models.BooleanField(
        "akcióterületen kívüli cím", default=False, help_text="A cím egyik akcióterület utcaszakaszába sem esik."
    )
    telefon = models.CharField("telefon", max_length=40, blank=True)
    email = models.EmailField("e-mail", blank=True)

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentoraltak",
        verbose_name="mentor",
    )
    bevonas_datuma = models.DateField("bevonás dátuma", null=True, blank=True)
    megallapodas_datuma = models.DateField("együttműködési megállapodás dátuma", null=True, blank=True)

    # ESF entry data (domain.md: "What is recorded about a participant at entry").
    munkaeropiaci_statusz = models.CharField(
        "munkaerőpiaci helyzet", max_length=30, choices=MunkaeropiaciStatusz.choices, blank=True
    )
    iskolai_vegzettseg = models.CharField(
        "legmagasabb iskolai végzettség", max_length=20, choices=IskolaiVegzettseg.choices, blank=True
    )
    haztartas_munkanelkuli = models.BooleanField(
        "munkanélküli háztartásban él", null=True, blank=True, help_text="Egyik felnőtt tag sem dolgozik."
    )
    haztartas_eltartott_gyermekkel = models.BooleanField(
        "eltartott gyermekkel élő háztartásban él", null=True, blank=True
    )
    haztartas_egyedulallo_szulo = models.BooleanField(
        "egy felnőttből és eltartott gyermek(ek)ből álló háztartásban él", null=True, blank=True
    )
    hajlektalan = models.BooleanField("hajléktalan vagy lakhatási kirekesztéssel érintett", default=False)

    # Exit and results.
    kilepes_datuma = models.DateField("kilépés dátuma", null=True, blank=True)
    kilepes_oka = models.CharField("kilépés oka", max_length=30, choices=KilepesOka.choices, blank=True)
    eredmeny_28 = models.CharField(
        "eredmény a kilépést követő 28 napon belül", max_length=20, choices=Eredmeny28.choices, blank=True
    )
    eredmeny_6ho = models.CharField(
        "eredmény a kilépés után 6 hónappal", max_length=20, choices=Eredmeny6Ho.choices, blank=True
    )

    # Folded name, birth name and address for accent-insensitive search; kept by save().
    # Searched with a trigram index on PostgreSQL (migration 0002); a B-tree cannot serve "contains".
    kereso_szoveg = models.CharField(max_length=600, blank=True, editable=False)
    # Folded family and given name ("Kovács Ilona" = "KOVACS ILONA"), kept by save(): the key of the
    # likely-duplicates check (indikatorok.selectors.duplikatum_csoportok), grouped in SQL by it and the birth date.
    nev_kulcs = models.CharField(max_length=201, blank=True, editable=False)
    anonimizalva = models.DateTimeField("anonimizálva", null=True, blank=True, editable=False)
    # When the participant was last visited, alone or present at a household visit (NULL: never). Derived from
    # the visits and kept by ugyfelek/utolso_latogatas.py on every ORM write of a visit and of its members
    # present; never written by Ugyfel.save(). The home pages list "not visited for N days" from it: from the
    # visits themselves that means reading every visit of the project.
    utolso_latogatas = models.DateTimeField("utolsó látogatás", null=True, blank=True, editable=False)
    # The date the participant became involved: the earlier of the agreement date and their first development
    # plan (NULL: not involved). Derived and kept by ugyfelek/bevonas.py (the one definition of the rule) on every
    # ORM write of a participant and of a plan; never written by Ugyfel.save(). The indicators filter on it.
    bevonva_ota = models.DateField("bevonva ekkortól", null=True, blank=True, editable=False)
    # The date of the participant's first development plan (NULL: none). Derived and kept with ``bevonva_ota`` by
    # ugyfelek/bevonas.py; never written by Ugyfel.save(). The data-quality check of those with an agreement but no
    # plan reads them from an index of their own (``ugyfel_terv_nelkul_idx``), not by looking up the plans of every
    # participant with an agreement (an anti-join of 8,500 participants with 6,000 plans in a large project).
    elso_terv = models.DateField("első fejlesztési terv", null=True, blank=True, editable=False)

    letrehozva = models.DateTimeField("létrehozva", auto_now_add=True)
    modositva = models.DateTimeField("módosítva", auto_now=True)

    objects = UgyfelQuerySet.as_manager()

    TELJES_Q = TELJES_Q
    BELEPESI_MEZOK = (
        "nem",
        "szuletesi_datum",
        "munkaeropiaci_statusz",
        "iskolai_vegzettseg",
        "haztartas_munkanelkuli",
        "haztartas_eltartott_gyermekkel",
        "haztartas_egyedulallo_szulo",
    )

    class Meta:
        verbose_name = "ügyfél"
        verbose_name_plural = "ügyfelek"
        ordering = ["csaladi_nev", "utonev", "szuletesi_datum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["projekt", "taj"], condition=~Q(taj=""), name="ugyfel_taj_egyedi_projektben"
            ),
            models.CheckConstraint(
                condition=Q(kilepes_datuma__isnull=True)
                | Q(bevonas_datuma__isnull=True)
                | Q(kilepes_datuma__gte=models.F("bevonas_datuma")),
                name="ugyfel_kilepes_bevonas_utan",
            ),
        ]
        indexes = [
            # The list's whole ordering: a deep page is an index-only skip, not a sort of every row.
            models.Index(
                fields=["projekt", "csaladi_nev", "utonev", "szuletesi_datum", "id"], name="ugyfel_projekt_lista_idx"
            ),
            models.Index(fields=["projekt", "mentor"], name="ugyfel_projekt_mentor_idx"),
            # ugyfel_nem_latogatott_idx (projekt, utolso_latogatas NULLS FIRST, mentor) of the active participants
            # is made on PostgreSQL only, by migration 0007: SQLite has no NULLS FIRST in an index.
            # The mentor of a participant by id from the index alone, not from the wide row: the overdue plans
            # per responsible person look it up for every plan.
            models.Index(fields=["id", "mentor"], name="ugyfel_mentora_idx"),
            # The involved participants of a project in a period.
            models.Index(fields=["projekt", "bevonva_ota"], name="ugyfel_projekt_bevonva_idx"),
            # Every project's participants in the list's order: a superuser's list and the admin read a page of
            # them from the index instead of sorting 100,000 rows.
            models.Index(fields=["csaladi_nev", "utonev", "szuletesi_datum", "id"], name="ugyfel_nev_sorrend_idx"),
            # The likely duplicates of a project: its participants grouped by birth date and folded name, read
            # from the index alone.
            models.Index(
                fields=["projekt", "szuletesi_datum", "nev_kulcs"],
                condition=Q(anonimizalva__isnull=True),
                name="ugyfel_duplikatum_idx",
            ),
            # The data-quality checks (indikatorok.selectors.adatminoseg_qs): each counted from an index of its
            # own rows, not from one pass over every participant of the project (which read 10,000 rows of a
            # large project from the table). Each holds only the rows its check finds. In the list's order
            # (by name), with the date a check compares: a page of a check is read from its index, not found among
            # all participants (page 20 of those without a plan: 2,900 rows read from the table before).
            models.Index(
                fields=["projekt", "csaladi_nev", "utonev", "id"], condition=_ELO & ~TELJES_Q, name="ugyfel_hianyos_idx"
            ),
            models.Index(
                fields=["projekt", "csaladi_nev", "utonev", "id", "kilepes_datuma"],
                condition=_ELO & Q(eredmeny_28="", kilepes_datuma__isnull=False),
                name="ugyfel_eredmeny28_idx",
            ),
            models.Index(
                fields=["projekt", "csaladi_nev", "utonev", "id", "kilepes_datuma"],
                condition=_ELO & Q(eredmeny_6ho="", kilepes_datuma__isnull=False),
                name="ugyfel_eredmeny6ho_idx",
            ),
            models.Index(fields=["projekt"], condition=_ELO & Q(akcioteruleten_kivul=True), name="ugyfel_kivul_idx"),
            models.Index(
                fields=["projekt", "csaladi_nev", "utonev", "id", "megallapodas_datuma"],
                condition=_ELO & Q(megallapodas_datuma__isnull=False, elso_terv__isnull=True),
                name="ugyfel_terv_nelkul_idx",
            ),
        ]

    def __str__(self):
        return self.nev

    @property
    def nev(self):
        return Ugyfel.nev_szovege(self.csaladi_nev, self.utonev)

    @staticmethod
    def nev_szovege(csaladi_nev: str, utonev: str) -> str:
        """The name as shown (``nev``) of a family and a given name read without their participant."""
        return f"{csaladi_nev} {utonev}".strip()

    @property
    def taj_formazott(self):
        return taj_formazott(self.taj)

    @property
    def teljes_cim(self):
        return " ".join(p for p in (self.iranyitoszam, self.telepules, self.cim) if p)

    @property
    def belepesi_adatok_teljesek(self) -> bool:
        return all(getattr(self, mezo) not in (None, "") for mezo in self.BELEPESI_MEZOK)

    @property
    def hianyzo_belepesi_adatok(self) -> list[str]:
        return [
            str(self._meta.get_field(mezo).verbose_name)
            for mezo in self.BELEPESI_MEZOK
            if getattr(self, mezo) in (None, "")
        ]

    def eletkor(self, napon: datetime.date | None = None) -> int | None:
        if not self.szuletesi_datum:
            return None
        napon = napon or timezone.localdate()
        d = self.szuletesi_datum
        return napon.year - d.year - ((napon.month, napon.day) < (d.month, d.day))

    def clean(self):
        hibak = {}
        ma = timezone.localdate()
        if self.szuletesi_datum and self.szuletesi_datum > ma:
            hibak["szuletesi_datum"] = "A születési dátum nem lehet a jövőben."
        if self.kilepes_datuma and self.bevonas_datuma and self.kilepes_datuma < self.bevonas_datuma:
            hibak["kilepes_datuma"] = "A kilépés dátuma nem lehet a bevonás dátuma előtt."
        if self.kilepes_datuma and self.kilepes_datuma > ma:
            hibak["kilepes_datuma"] = "A kilépés dátuma nem lehet a jövőben."
        if self.eredmeny_28 and not self.kilepes_datuma:
            hibak["eredmeny_28"] = "Eredmény csak kilépett ügyfélnél rögzíthető."
        if self.akcioterulet_id and self.projekt_id and self.akcioterulet.projekt_id != self.projekt_id:
            hibak["akcioterulet"] = "Az akcióterület másik projekthez tartozik."
        if hibak:
            raise ValidationError(hibak)

    def validate_unique(self, exclude=None):
        # The TAJ constraint is conditional, so Django would not check it in forms by itself.
        super().validate_unique(exclude=exclude)
        if self.taj and self.projekt_id and (exclude is None or "taj" not in exclude):
            if Ugyfel.objects.filter(projekt_id=self.projekt_id, taj=self.taj).exclude(pk=self.pk).exists():
                raise ValidationError({"taj": "Ezzel a TAJ számmal már van ügyfél ebben a projektben."})

    @staticmethod
    def nev_kulcsa(csaladi_nev: str, utonev: str) -> str:
        """The folded name the duplicates check compares (``nev_kulcs``)."""
        from core.text import fold

        return fold(f"{csaladi_nev} {utonev}")

    def kereso_szoveg_frissit(self):
        """Fill the folded search and name-key columns (``save`` does it; call it before ``bulk_create``)."""
        from core.text import fold

        self.kereso_szoveg = fold(
            " ".join([self.csaladi_nev, self.utonev, self.szuletesi_nev, self.iranyitoszam, self.telepules, self.cim])
        )[:600]
        self.nev_kulcs = "" if self.anonimizalva else self.nev_kulcsa(self.csaladi_nev, self.utonev)

    # Derived columns kept outside save() (ugyfelek/utolso_latogatas.py, ugyfelek/bevonas.py).
    SZARMAZTATOTT = frozenset({"utolso_latogatas", "bevonva_ota", "elso_terv"})

    def save(self, *args, **kwargs):
        # A derived search column, not business logic: search must ignore accents in SQL.
        self.kereso_szoveg_frissit()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"kereso_szoveg", "nev_kulcs"}
        elif not self._state.adding and self.pk is not None and not args and not kwargs.get("force_insert"):
            # The last visit belongs to the visits, the involvement and first plan's dates to ugyfelek/bevonas.py: a
            # participant loaded before a visit or a plan was recorded (an edit form, the admin) must not write its
            # stale copy back.
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in self.SZARMAZTATOTT
            ]
        super().save(*args, **kwargs)


class KulonlegesAdatQuerySet(ScopedQuerySet):
    projekt_path = "ugyfel__projekt"

    def for_user(self, user, *, szerepek=None):
        """Only the coordinator of the project and the participant's own mentor."""
        qs = super().for_user(user, szerepek=szerepek)
        if user is None or not user.is_authenticated or user.is_superuser:
            return qs
        return qs.filter(Q(ugyfel__projekt__in=user.projekt_idk(("koordinator",))) | Q(ugyfel__mentor=user))


class KulonlegesAdat(models.Model):
    """Special-category data (GDPR Art. 9) of a participant, kept apart from the basic record.

    Recorded only with a consent on file; each answer may be "declined". Seen
    only by the project's coordinator and the participant's assigned mentor.
    """

    ugyfel = models.OneToOneField(Ugyfel, on_delete=models.CASCADE, related_name="kulonleges_adat")
    kisebbseg = models.CharField(
        "nemzetiségi kisebbséghez (pl. roma) tartozik", max_length=15, choices=Valasz.choices, blank=True
    )
    fogyatekossag = models.CharField("fogyatékossággal él", max_length=15, choices=Valasz.choices, blank=True)
    egeszsegkarosodas = models.CharField("egészségkárosodással él", max_length=15, choices=Valasz.choices, blank=True)
    egyeb_hatrany = models.CharField("egyéb hátrányos helyzetű", max_length=15, choices=Valasz.choices, blank=True)
    modositva = models.DateTimeField("módosítva", auto_now=True)

    objects = KulonlegesAdatQuerySet.as_manager()
    ERZEKENY_MEZOK = ("kisebbseg", "fogyatekossag", "egeszsegkarosodas", "egyeb_hatrany")

    class Meta:
        verbose_name = "különleges adat"
        verbose_name_plural = "különleges adatok"

    def __str__(self):
        return f"Különleges adatok #{self.ugyfel_id}"

    def clean(self):
        # Forms, the admin and imports alike: no answer without a special-data consent on file.
        van_valasz = any(getattr(self, m) for m in self.ERZEKENY_MEZOK)
        if van_valasz and self.ugyfel_id:
            if not Hozzajarulas.objects.aktiv_kulonleges().filter(ugyfel_id=self.ugyfel_id).exists():
                raise ValidationError(
                    "Különleges adat csak az ügyfél erre is kiterjedő, vissza nem vont hozzájárulásával rögzíthető."
                )


class HozzajarulasQuerySet(ScopedQuerySet):
    projekt_path = "ugyfel__projekt"

    def aktiv_kulonleges(self):
        """Consents that cover special-category data and are not withdrawn."""
        return self.filter(kulonleges_adatokhoz=True, visszavonva__isnull=True)


class Hozzajarulas(models.Model):
    """The participant's data-processing consent: date, version of the notice, purposes."""

    ugyfel = models.ForeignKey(Ugyfel, on_delete=models.CASCADE, related_name="hozzajarulasok")
    datum = models.DateField("hozzájárulás dátuma")
    tajekoztato_verzio = models.CharField("adatkezelési tájékoztató verziója", max_length=40)
    celok = models.JSONField("adatkezelési célok", default=list)
    kulonleges_adatokhoz = models.BooleanField("különleges adatok kezeléséhez is hozzájárult", default=False)
    visszavonva = models.DateField("visszavonva", null=True, blank=True)
    rogzitette = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = HozzajarulasQuerySet.as_manager()

    class Meta:
        verbose_name = "adatkezelési hozzájárulás"
        verbose_name_plural = "adatkezelési hozzájárulások"
        ordering = ["-datum", "-id"]
        # The admin's list of every project's consents, newest first, read from the index.
        indexes = [models.Index(fields=["datum", "id"], name="hozzajarulas_datum_idx")]

    def __str__(self):
        return f"Hozzájárulás {self.datum} ({self.tajekoztato_verzio})"


class HaztartasQuerySet(ScopedQuerySet):
    def cim_kereses(self, szoveg: str):
        """Accent- and case-insensitive search: every word in the name or the address."""
        from core.text import fold

        return self.filter(*(Q(kereso_szoveg__contains=szo) for szo in fold(szoveg).split()))

    def kereses(self, szoveg: str, ugyfelek):
        """Accent- and case-insensitive search: every word in the name or address, or in the search text of
        a member (any membership, past or present) among ``ugyfelek`` (the user's participants).

        The members are looked up as ids of the matching participants (a trigram index scan of the user's
        projects), not as a correlated EXISTS: PostgreSQL runs that over every membership of every project
        (163 ms against 4 ms in the national dataset)."""
        from core.text import fold

        def tagok(szo):
            return HaztartasTag.objects.filter(ugyfel__in=ugyfelek.filter(kereso_szoveg__contains=szo).values("pk"))

        return self.filter(
            *(Q(kereso_szoveg__contains=szo) | Q(pk__in=tagok(szo).values("haztartas")) for szo in fold(szoveg).split())
        )


class Haztartas(models.Model):
    """A household: the people living at one address, whose members change over time."""

    projekt = models.ForeignKey(Projekt, on_delete=models.PROTECT, related_name="haztartasok")
    nev = models.CharField("megnevezés", max_length=150, blank=True, help_text="Pl. Kovács család.")
    iranyitoszam = models.CharField("irányítószám", max_length=4, blank=True)
    telepules = models.CharField("település", max_length=100, blank=True)
    cim = models.CharField("cím", max_length=200)
    akcioterulet = models.ForeignKey(
        AkcioTerulet, on_delete=models.SET_NULL, null=True, blank=True, related_name="haztartasok"
    )
    akcioteruleten_kivul = models.BooleanField("akcióterületen kívüli cím", default=False)
    egyeb_tagok_szama = models.PositiveSmallIntegerField(
        "további (nem ügyfél) tagok száma", default=0, help_text="A háztartásban élő, nem regisztrált személyek."
    )
    gyermekek_szama = models.PositiveSmallIntegerField("18 év alatti gyermekek száma", default=0)
    kereso_szoveg = models.CharField(max_length=400, blank=True, editable=False)
    letrehozva = models.DateTimeField("létrehozva", auto_now_add=True)

    objects = HaztartasQuerySet.as_manager()

    class Meta:
        verbose_name = "háztartás"
        verbose_name_plural = "háztartások"
        ordering = ["cim", "id"]
        # The admin's list of every project's households in this order, read from the index.
        indexes = [
            models.Index(fields=["cim", "id"], name="haztartas_cim_idx"),
            # The data-quality check of households outside the action area: counted from its own rows.
            models.Index(fields=["projekt"], condition=Q(akcioteruleten_kivul=True), name="haztartas_kivul_idx"),
        ]

    def __str__(self):
        return self.nev or self.cim

    @property
    def teljes_cim(self):
        return " ".join(p for p in (self.iranyitoszam, self.telepules, self.cim) if p)

    def kereso_szoveg_frissit(self):
        """Fill the folded search column (``save`` does it; call it before ``bulk_create``)."""
        from core.text import fold

        self.kereso_szoveg = fold(" ".join([self.nev, self.iranyitoszam, self.telepules, self.cim]))[:400]

    def save(self, *args, **kwargs):
        self.kereso_szoveg_frissit()
        super().save(*args, **kwargs)


class HaztartasTag(models.Model):
    """A participant's membership of a household, from a date until a date (open: still living there)."""

    haztartas = models.ForeignKey(Haztartas, on_delete=models.CASCADE, related_name="tagsagok")
    ugyfel = models.ForeignKey(Ugyfel, on_delete=models.CASCADE, related_name="haztartas_tagsagok")
    mettol = models.DateField("mettől")
    meddig = models.DateField("meddig", null=True, blank=True)
    rokoni_kapcsolat = models.CharField("kapcsolat", max_length=60, blank=True, help_text="Pl. anya, gyermek.")

    objects = type("HaztartasTagQuerySet", (ScopedQuerySet,), {"projekt_path": "haztartas__projekt"}).as_manager()

    class Meta:
        verbose_name = "háztartástag"
        verbose_name_plural = "háztartástagok"
        ordering = ["mettol", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meddig__isnull=True) | Q(meddig__gte=models.F("mettol")), name="haztartastag_meddig"
            ),
        ]

    def __str__(self):
        return f"{self.ugyfel} – {self.haztartas}"

    def clean(self):
        if self.meddig and self.mettol and self.meddig < self.mettol:
            raise ValidationError({"meddig": "A tagság vége nem lehet a kezdete előtt."})
        if self.haztartas_id and self.ugyfel_id and self.haztartas.projekt_id != self.ugyfel.projekt_id:
            raise ValidationError("Az ügyfél és a háztartás különböző projekthez tartozik.")


class LatogatasTipus(models.TextChoices):
    CSALADLATOGATAS = "csaladlatogatas", "családlátogatás"
    FOGADOORA = "fogadoora", "fogadóóra"
    TELEFON = "telefon", "telefonos kapcsolattartás"
    KISERES = "kiseres", "kísérés intézménybe"
    CSOPORTOS = "csoportos", "csoportos foglalkozás"
    EGYEB = "egyeb", "egyéb"


class Tema(models.TextChoices):
    ADOSSAGKEZELES = "adossagkezeles", "adósságkezelés"
    PENZUGYI = "penzugyi", "pénzügyi tanácsadás"
    CSALADSZERVEZES = "csaladszervezes", "családszervezés"
    ELETVEZETES = "eletvezetes", "életvezetés"
    ALLASKERESES = "allaskereses", "álláskeresés, munkaerőpiac"
    FELZARKOZTATAS = "felzarkoztatas", "gyermekek iskolai felzárkóztatása"
    GYERMEKGONDOZAS = "gyermekgondozas", "gyermekgondozás"
    LAKOKORNYEZET = "lakokornyezet", "lakás és környezete"
    EGESZSEG = "egeszseg", "egészség"
    UGYINTEZES = "ugyintezes", "hivatalos ügyintézés"
    EGYEB = "egyeb", "egyéb"


class Latogatas(models.Model):
    """A mentoring contact in the case log (esetnapló): a visit, office hours, a call, an escort.

    It concerns one participant, or a household with the members who were
    present; topics, notes and the agreed next steps (``KovetoFeladat``) belong to it.
    """

    projekt = models.ForeignKey(Projekt, on_delete=models.PROTECT, related_name="latogatasok")
    idopont = models.DateTimeField("időpont", default=timezone.now)
    idotartam_perc = models.PositiveSmallIntegerField("időtartam (perc)", default=60)
    szerzo = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="latogatasai", verbose_name="rögzítette"
    )
    munkatarsak = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="további munkatársak"
    )
    ugyfel = models.ForeignKey(
        Ugyfel, on_delete=models.CASCADE, null=True, blank=True, related_name="latogatasok", verbose_name="ügyfél"
    )
    haztartas = models.ForeignKey(
        Haztartas, on_delete=models.CASCADE, null=True, blank=True, related_name="latogatasok", verbose_name="háztartás"
    )
    jelenlevok = models.ManyToManyField(
        Ugyfel, blank=True, related_name="jelenleti_latogatasok", verbose_name="jelen lévő háztartástagok"
    )
    tipus = models.CharField(
        "típus", max_length=20, choices=LatogatasTipus.choices, default=LatogatasTipus.CSALADLATOGATAS
    )
    jegyzet = models.TextField("feljegyzés", blank=True)
    letrehozva = models.DateTimeField("létrehozva", auto_now_add=True)

    objects = type("LatogatasQuerySet", (ScopedQuerySet,), {}).as_manager()

    class Meta:
        verbose_name = "látogatás"
        verbose_name_plural = "látogatások"
        ordering = ["-idopont", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ugyfel__isnull=False) | Q(haztartas__isnull=False), name="latogatas_ugyfel_vagy_haztartas"
            ),
        ]
        indexes = [
            # With the author in it, the visits of a period per author are counted from the index alone.
            models.Index(fields=["projekt", "idopont", "szerzo"], name="latogatas_projekt_ido_sz_idx"),
            # An author's visits in a project, newest first ("my visits", the home page's latest visits): a page
            # read from the index alone. With the author and the time only, PostgreSQL sorted all of an author's
            # visits (4,600 in the large project) rather than check each one's project in the table.
            models.Index(fields=["szerzo", "projekt", "idopont", "id"], name="latogatas_szerzo_projekt_idx"),
            # "When was this participant last visited": one backward step in the index per person.
            models.Index(fields=["ugyfel", "idopont"], name="latogatas_ugyfel_ido_idx"),
            # The newest visits of every project (a superuser's visit list, the admin): a million visits
            # are otherwise sorted for 25 rows (1.5 s in the national dataset).
            models.Index(fields=["idopont", "id"], name="latogatas_ido_idx"),
        ]

    def __str__(self):
        return f"{self.get_tipus_display()} {timezone.localtime(self.idopont):%Y. %m. %d.}"

    def clean(self):
        if not self.ugyfel_id and not self.haztartas_id:
            raise ValidationError("Válasszon ügyfelet vagy háztartást.")


class LatogatasTema(models.Model):
    """One topic discussed at a visit (a visit has several)."""

    # No index of its own: the unique (visit, topic) constraint's index serves every look-up by visit.
    latogatas = models.ForeignKey(Latogatas, on_delete=models.CASCADE, related_name="temak", db_index=False)
    tema = models.CharField("téma", max_length=20, choices=Tema.choices)
    # Copies of the visit's project and time, kept by the database (``ugyfelek.tema_masolat``): the visit list
    # under a topic reads a page's ids from one index (project, topic, time) instead of looking up the topics of
    # each of the project's visits, newest first, until a page is found.
    projekt = models.ForeignKey(Projekt, on_delete=models.PROTECT, related_name="+", db_index=False, editable=False)
    idopont = models.DateTimeField(editable=False)

    objects = type("LatogatasTemaQuerySet", (ScopedQuerySet,), {"projekt_path": "latogatas__projekt"}).as_manager()

    class Meta:
        verbose_name = "látogatás témája"
        verbose_name_plural = "látogatás témái"
        constraints = [models.UniqueConstraint(fields=["latogatas", "tema"], name="latogatas_tema_egyedi")]
        indexes = [
            models.Index(
                "projekt",
                "tema",
                models.F("idopont").desc(),
                models.F("latogatas").desc(),
                name="latogatastema_lista_idx",
            )
        ]

    def __str__(self):
        return self.get_tema_display()

    def save(self, *args, **kwargs):
        # The database writes the copies (on PostgreSQL before the row is checked); SQLite checks NOT NULL first.
        if self.latogatas_id is not None and (self.projekt_id is None or self.idopont is None):
            self.projekt_id, self.idopont = self.latogatas.projekt_id, self.latogatas.idopont
        super().save(*args, **kwargs)


class KovetoFeladat(models.Model):
    """An agreed next step (follow-up task) with a due date and a responsible staff member."""

    latogatas = models.ForeignKey(Latogatas, on_delete=models.CASCADE, null=True, blank=True, related_name="feladatok")
    projekt = models.ForeignKey(Projekt, on_delete=models.PROTECT, related_name="feladatok")
    ugyfel = models.ForeignKey(Ugyfel, on_delete=models.CASCADE, null=True, blank=True, related_name="feladatok")
    haztartas = models.ForeignKey(Haztartas, on_delete=models.CASCADE, null=True, blank=True, related_name="feladatok")
    leiras = models.CharField("teendő", max_length=300)
    hatarido = models.DateField("határidő")
    felelos = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feladatai", verbose_name="felelős"
    )
    kesz = models.BooleanField("kész", default=False)
    kesz_idopont = models.DateTimeField("elvégezve", null=True, blank=True)

    objects = type("KovetoFeladatQuerySet", (ScopedQuerySet,), {}).as_manager()

    class Meta:
        verbose_name = "követő feladat"
        verbose_name_plural = "követő feladatok"
        ordering = ["kesz", "hatarido", "id"]
        indexes = [
            # The admin's list of every project's follow-ups in this order.
            models.Index(fields=["kesz", "hatarido", "id"], name="feladat_sorrend_idx"),
            models.Index(fields=["felelos", "kesz", "hatarido"], name="feladat_felelos_idx"),
            # Open follow-ups of a project by due date and person (the coordinator's team table).
            models.Index(
                fields=["projekt", "hatarido", "felelos"], name="feladat_nyitott_idx", condition=Q(kesz=False)
            ),
        ]

    def __str__(self):
        return self.leiras


class FejlesztesiTerv(models.Model):
    """An individual development plan (egyéni fejlesztési terv) of a participant or a household.

    Goals with deadlines; reviewed every ``felulvizsgalat_honap`` months.
    """

    projekt = models.ForeignKey(Projekt, on_delete=models.PROTECT, related_name="fejlesztesi_tervek")
    ugyfel = models.ForeignKey(
        Ugyfel, on_delete=models.CASCADE, null=True, blank=True, related_name="fejlesztesi_tervek"
    )
    haztartas = models.ForeignKey(
        Haztartas, on_delete=models.CASCADE, null=True, blank=True, related_name="fejlesztesi_tervek"
    )
    keszult = models.DateField("elkészült")
    keszitette = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="készítette"
    )
    felulvizsgalat_honap = models.PositiveSmallIntegerField("felülvizsgálat gyakorisága (hónap)", default=3)
    kovetkezo_felulvizsgalat = models.DateField("következő felülvizsgálat", null=True, blank=True)
    helyzetleiras = models.TextField("helyzetleírás", blank=True)
    lezarva = models.DateField("lezárva", null=True, blank=True)

    objects = type("FejlesztesiTervQuerySet", (ScopedQuerySet,), {}).as_manager()

    class Meta:
        verbose_name = "egyéni fejlesztési terv"
        verbose_name_plural = "egyéni fejlesztési tervek"
        ordering = ["-keszult", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ugyfel__isnull=False) | Q(haztartas__isnull=False), name="terv_ugyfel_vagy_haztartas"
            ),
        ]
        indexes = [
            # The admin's list of every project's plans, newest first.
            models.Index(fields=["keszult", "id"], name="terv_keszult_idx"),
            # The involvement date reads each participant's first plan: an index-only lookup.
            models.Index(fields=["ugyfel", "keszult"], name="terv_ugyfel_keszult_idx"),
            # Open plans of a project by the date of their next review, with whom they concern and who drew
            # them up (the coordinator's team table counts the overdue ones from the index alone).
            models.Index(
                fields=["projekt", "kovetkezo_felulvizsgalat", "ugyfel", "keszitette"],
                name="terv_nyitott_idx",
                condition=Q(lezarva__isnull=True),
            ),
        ]

    def __str__(self):
        return f"Fejlesztési terv ({self.keszult:%Y. %m. %d.})"


class TervCel(models.Model):
    """A goal of a development plan: area, text, deadline, who is responsible, status and evaluation."""

    class Statusz(models.TextChoices):
        FOLYAMATBAN = "folyamatban", "folyamatban"
        TELJESULT = "teljesult", "teljesült"
        RESZBEN = "reszben", "részben teljesült"
        NEM_TELJESULT = "nem_teljesult", "nem teljesült"

    terv = models.ForeignKey(FejlesztesiTerv, on_delete=models.CASCADE, related_name="celok")
    terulet = models.CharField("terület", max_length=20, choices=Tema.choices)
    leiras = models.TextField("cél")
    hatarido = models.DateField("határidő", null=True, blank=True)
    felelos = models.CharField("felelős", max_length=150, blank=True)
    statusz = models.CharField("állapot", max_length=20, choices=Statusz.choices, default=Statusz.FOLYAMATBAN)
    ertekeles = models.TextField("értékelés", blank=True)
    teljesult_datum = models.DateField("teljesülés dátuma", null=True, blank=True)

    objects = type("TervCelQuerySet", (ScopedQuerySet,), {"projekt_path": "terv__projekt"}).as_manager()

    class Meta:
        verbose_name = "fejlesztési cél"
        verbose_name_plural = "fejlesztési célok"
        ordering = ["hatarido", "id"]

    def __str__(self):
        return self.leiras[:80]


class Felulvizsgalat(models.Model):
    """A review of a development plan, recorded when it took place."""

    terv = models.ForeignKey(FejlesztesiTerv, on_delete=models.CASCADE, related_name="felulvizsgalatok")
    datum = models.DateField("dátum")
    megallapitasok = models.TextField("megállapítások")
    keszitette = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="készítette"
    )

    objects = type("FelulvizsgalatQuerySet", (ScopedQuerySet,), {"projekt_path": "terv__projekt"}).as_manager()

    class Meta:
        verbose_name = "felülvizsgálat"
        verbose_name_plural = "felülvizsgálatok"
        ordering = ["-datum", "-id"]

    def __str__(self):
        return f"Felülvizsgálat {self.datum:%Y. %m. %d.}"


class ImportNaplo(models.Model):
    """One import of a participant list (Excel or CSV): who, when, which file, into which project, counts.

    Written at the preview; the uploaded file lives in a private temporary
    folder only until the import is confirmed, cancelled or a day has passed.
    """

    class Allapot(models.TextChoices):
        ELONEZET = "elonezet", "előnézet, megerősítésre vár"
        KESZ = "kesz", "importálva"
        MEGSZAKITVA = "megszakitva", "megszakítva"
        LEJART = "lejart", "lejárt (a fájlt töröltük)"
        ELUTASITVA = "elutasitva", "elutasítva (hibás fájl vagy sorok)"
        PROBA = "proba", "próbafuttatás (nem mentett)"

    projekt = models.ForeignKey(Projekt, on_delete=models.CASCADE, related_name="importok", verbose_name="projekt")
    felhasznalo = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="felhasználó",
    )
    idopont = models.DateTimeField("időpont", auto_now_add=True)
    fajlnev = models.CharField("fájlnév", max_length=255)
    # Name of the private temporary copy; empty once the copy is deleted.
    tarolt_fajl = models.CharField(max_length=64, blank=True, editable=False)
    allapot = models.CharField("állapot", max_length=15, choices=Allapot.choices, default=Allapot.ELONEZET)
    uj = models.PositiveIntegerField("új", default=0)
    modositott = models.PositiveIntegerField("módosított", default=0)
    valtozatlan = models.PositiveIntegerField("változatlan", default=0)
    hibas = models.PositiveIntegerField("hibás", default=0)
    uzenet = models.CharField("üzenet", max_length=500, blank=True)

    # Like the change history: read by the project's coordinators (and admins) only.
    objects = NaploQuerySet.as_manager()

    class Meta:
        verbose_name = "importálás"
        verbose_name_plural = "importálási napló"
        ordering = ["-idopont", "-id"]

    def __str__(self):
        return f"{self.fajlnev} ({self.get_allapot_display()})"
