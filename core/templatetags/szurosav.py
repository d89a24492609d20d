"""The fields of a list page's filter bar, written out directly in the markup crispy-forms' Bootstrap 5 pack uses.

crispy renders each field through a dozen nested templates and then Django's
widget templates, one more per drop-down option: on the participant list the
filter bar took about a third of the page's server time. ``szuro_mezo``
writes the same markup in Python: the wrapper ``div_id_<name>``, the
``<label for>``, the control with the same Bootstrap classes, the help text
and the errors, with Django's own ``aria-describedby`` / ``aria-invalid``
attributes (``BoundField.build_widget_attrs``), so labels, focus order and
screen-reader output do not change.

Only the common controls are written here: one-line inputs (text, search,
number, date, time), drop-downs, text areas and checkboxes (a required one
falls back). ``mezo`` is the same for the fields of a form page (the visit
form: a required field's label gets crispy's asterisk). Anything else falls
back to crispy's ``as_crispy_field``.

``{% urlap form %}`` is ``{% crispy form %}`` for a form whose helper lays its
fields out in fieldsets and divs without a form tag (the participant form):
the same markup, each field by ``mezo``. Any other form is drawn by crispy.
"""

from crispy_forms.layout import Div, Fieldset, Layout
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from crispy_forms.utils import render_field
from django import forms, template
from django.forms.widgets import Input
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

_BOOTSTRAP_OSZTALY = {
    "input": "form-control",
    "select": "form-select",
    "checkbox": "form-check-input",
    "textarea": "form-control",
}


def _fajta(bf) -> str | None:
    widget = bf.field.widget
    if bf.is_hidden or widget.attrs.get("multiple"):
        return None
    if isinstance(widget, forms.CheckboxInput):
        return None if bf.field.required else "checkbox"
    if type(widget) is forms.Select:  # not RadioSelect, SelectMultiple, ...
        return "select"
    if type(widget) is forms.Textarea:
        return "textarea"
    if isinstance(widget, Input) and not isinstance(widget, forms.FileInput):
        return "input"
    return None


def _attrs(bf, fajta: str) -> dict:
    widget = bf.field.widget
    osztaly = f"{type(widget).__name__.lower()} {_BOOTSTRAP_OSZTALY[fajta]}"
    if bf.errors:
        osztaly += " is-invalid"
    if widget.attrs.get("class"):
        osztaly += " " + widget.attrs["class"]
    attrs = {**widget.attrs, "class": osztaly}
    attrs = bf.build_widget_attrs(attrs)
    if bf.auto_id:
        attrs["id"] = bf.auto_id
    return attrs


def _attr_html(attrs: dict):
    # As django/forms/widgets/attrs.html: False omitted, True as a bare attribute.
    return mark_safe(
        "".join(
            f" {nev}" if ertek is True else format_html(' {}="{}"', nev, ertek)
            for nev, ertek in attrs.items()
            if ertek is not False and ertek is not None
        )
    )


def _segedszoveg_es_hibak(bf, soron_belul=False):
    hibak = ""
    if bf.errors:
        # Drawn through a helper (``{% crispy %}``, ``error_text_inline``) each error is a span, by itself a p.
        minta = (
            '<span id="error_{}_{}"><strong>{}</strong></span>'
            if soron_belul
            else '<p id="error_{}_{}"><strong>{}</strong></p>'
        )
        hibak = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            bf.auto_id,
            format_html_join("", minta, ((i, bf.auto_id, hiba) for i, hiba in enumerate(bf.errors, start=1))),
        )
    segitseg = ""
    if bf.help_text:
        # Help texts are written by developers and may hold markup, as in crispy's template (``|safe``).
        segitseg = format_html('<div id="{}_helptext" class="form-text">{}</div>', bf.auto_id, mark_safe(bf.help_text))
    return format_html("{}{}", hibak, segitseg)


def _opciok(widget, kivalasztott: set[str]):
    sorok = []
    for ertek, cimke in widget.choices:
        if isinstance(cimke, (list, tuple)):
            sorok.append(format_html('<optgroup label="{}">', ertek))
            sorok.extend(_opciok_lista(cimke, kivalasztott))
            sorok.append(mark_safe("</optgroup>"))
        else:
            sorok.extend(_opciok_lista([(ertek, cimke)], kivalasztott))
    return mark_safe("".join(sorok))


def _opciok_lista(parok, kivalasztott):
    # Escaped as format_html would, without its per-call overhead: an admin's project drop-down has
    # hundreds of options (the caller marks the joined list safe).
    for ertek, cimke in parok:
        ertek = "" if ertek is None else str(ertek)
        jelolt = " selected" if ertek in kivalasztott else ""
        yield f'<option value="{escape(ertek)}"{jelolt}>{conditional_escape(cimke)}</option>'


@register.filter
def szuro_mezo(bf):
    """One field of a filter bar (a bound field of a GET form), as crispy's Bootstrap 5 pack would write it."""
    if _fajta(bf) is None:
        return as_crispy_field(bf)
    return _mezo(bf)


def _mezo(bf, soron_belul=False):
    fajta = _fajta(bf)
    widget = bf.field.widget
    attrs = _attrs(bf, fajta)
    ertek = bf.value()
    if fajta == "checkbox":
        if widget.check_test(ertek):
            attrs["checked"] = True
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">'
            '<input type="checkbox" name="{}"{}><label for="{}" class="form-check-label">{}</label>{}'
            "</div></div>",
            bf.auto_id,
            bf.html_name,
            _attr_html(attrs),
            bf.id_for_label,
            bf.label,
            _segedszoveg_es_hibak(bf, soron_belul),
        )
    if fajta == "select":
        kivalasztott = set(widget.format_value(ertek))
        vezerlo = format_html(
            '<select name="{}"{}>{}</select>', bf.html_name, _attr_html(attrs), _opciok(widget, kivalasztott)
        )
    elif fajta == "textarea":
        # As django/forms/widgets/textarea.html: a new line, then the value.
        vezerlo = format_html(
            '<textarea name="{}"{}>\n{}</textarea>', bf.html_name, _attr_html(attrs), widget.format_value(ertek) or ""
        )
    else:
        ertek = widget.format_value(ertek)
        vezerlo = format_html(
            '<input type="{}" name="{}"{}{}>',
            widget.input_type,
            bf.html_name,
            format_html(' value="{}"', ertek) if ertek is not None else "",
            _attr_html(attrs),
        )
    if bf.field.required:
        cimke = format_html(
            '<label for="{}" class="form-label requiredField">{}<span class="asteriskField">*</span></label>',
            bf.id_for_label,
            bf.label,
        )
    else:
        cimke = format_html('<label for="{}" class="form-label">{}</label>', bf.id_for_label, bf.label)
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}</div>', bf.auto_id, cimke, vezerlo, _segedszoveg_es_hibak(bf, soron_belul)
    )


# The same for a form page's fields.
register.filter("mezo", szuro_mezo)


@register.filter
def opciok(bf):
    """The options of a radio or checkbox-list field (``RadioSelect``, ``CheckboxSelectMultiple``) as dicts of
    ``tag`` (the input), ``id`` and ``cimke`` (its label), for toggle buttons laid out in the page's markup.

    The same input Django's widget template writes for ``{{ option.tag }}`` (type, name, value, id, checked and
    the widget's attributes), written here: a visit form has forty options, each a template render otherwise.
    """
    for opcio in bf.subwidgets:
        d = opcio.data
        ertek = "" if d["value"] is None else str(d["value"])
        yield {
            "tag": format_html(
                '<input type="{}" name="{}" value="{}"{}>', d["type"], d["name"], ertek, _attr_html(d["attrs"])
            ),
            "id": d["attrs"].get("id", ""),
            "cimke": d["label"],
        }


_CRISPY = template.Template("{% load crispy_forms_tags %}{% crispy form %}")
_CSRF = template.Template("{% csrf_token %}")
# The helper's settings the markup below assumes (crispy's defaults, bar ``form_tag``).
_ALAP_BEALLITASOK = {
    "error_text_inline": True,
    "help_text_inline": False,
    "form_tag": False,
    "form_show_errors": True,
    "form_show_labels": True,
    "render_unmentioned_fields": False,
    "render_hidden_fields": False,
    "render_required_fields": False,
    "include_media": True,
    "disable_csrf": False,
    "form_method": "post",
    "form_style": "",
    "label_class": "",
    "field_class": "",
    "field_template": None,
    "inputs": [],
}


def _egyszeru(elem) -> bool:
    """Is ``elem`` a field name, or a plain Fieldset or Div (a class at most, its own template) of such elements?"""
    if isinstance(elem, str):
        return True
    if type(elem) not in (Fieldset, Div) or elem.css_id or elem.flat_attrs:
        return False
    if elem.template != type(elem).template:
        return False
    if isinstance(elem, Fieldset) and not isinstance(elem.legend, str):
        return False
    return all(_egyszeru(e) for e in elem.fields)


def _retegek(form, elem, crispy_kornyezet) -> str:
    if isinstance(elem, str):
        if elem not in form.fields:
            return ""
        if _fajta(form[elem]) is None:
            # A control not written here: crispy's own field, as its layout draws it.
            return render_field(elem, form, crispy_kornyezet, template_pack="bootstrap5")
        return _mezo(form[elem], soron_belul=True)
    belso = mark_safe("".join(_retegek(form, e, crispy_kornyezet) for e in elem.fields))
    osztaly = format_html(' class="{}"', elem.css_class) if elem.css_class else ""
    if isinstance(elem, Fieldset):
        cimke = format_html("<legend>{}</legend>", mark_safe(elem.legend)) if elem.legend else ""
        return format_html("<fieldset{}>{}{}</fieldset>", osztaly, cimke, belso)
    return format_html("<div{}>{}</div>", osztaly, belso)


def _urlap_hibai(form):
    """The form's own errors (not a field's), as crispy's ``errors.html`` writes them."""
    if not form.non_field_errors():
        return ""
    return format_html(
        '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>',
        format_html_join("", "<li>{}</li>", ((e,) for e in form.non_field_errors())),
    )


@register.filter
def mezok(form):
    """``{{ form|crispy }}``: the form's own errors, then each of its fields as ``mezo`` draws it."""
    if str(form.media):
        return as_crispy_form(form)
    return format_html("{}{}", _urlap_hibai(form), mark_safe("".join(szuro_mezo(bf) for bf in form)))


@register.simple_tag(takes_context=True)
def urlap(context, form):
    """``{% crispy form %}``, written here for a form whose helper lays out plain fields in fieldsets and divs."""
    helper = getattr(form, "helper", None)
    layout = getattr(helper, "layout", None)
    if (
        not isinstance(layout, Layout)
        or str(form.media)
        or any(getattr(helper, nev, ertek) != ertek for nev, ertek in _ALAP_BEALLITASOK.items())
        or not all(_egyszeru(e) for e in layout.fields)
    ):
        with context.push(form=form):
            return _CRISPY.render(context)
    hibak = _urlap_hibai(form)
    # As crispy writes it too (a POST form's token), through Django's own tag.
    token = _CSRF.render(context)
    # What crispy's layout gives the fields it draws itself.
    form.rendered_fields, form.crispy_field_template = set(), None
    crispy_kornyezet = template.Context(
        {**helper.get_attributes(template_pack="bootstrap5"), "template_pack": "bootstrap5"}
    )
    mezok = mark_safe("".join(_retegek(form, e, crispy_kornyezet) for e in layout.fields))
    return format_html("{}{}{}", token, hibak, mezok)
