"""django-import-export's resource for participants: the admin import page's field list.

The rows themselves are read, matched and written by the batched service of
this package (``services.importalas_fajlbol``): the row-by-row
``Resource.import_data`` would query per row and miss the speed target, so the
admin's import and confirm steps hand the file to the service instead.
"""

from import_export import fields, resources

from ugyfelek.models import Ugyfel

from .oszlopok import OSZLOPOK


class UgyfelResource(resources.ModelResource):
    class Meta:
        model = Ugyfel
        fields = ()
        import_id_fields = ()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for oszlop in OSZLOPOK:
            self.fields[oszlop.mezo] = fields.Field(attribute=oszlop.mezo, column_name=oszlop.fejlec)

    @classmethod
    def get_display_name(cls):
        return "Ügyfelek (Kapocs sablon)"
