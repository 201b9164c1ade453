"""Form styling for NL Design System (Utrecht components) and accessible error wiring."""

from django import forms
from django.conf import settings
from django.forms.renderers import TemplatesSetting

from .invoer import EENREGELIG, MEERREGELIG, binnen_datumbereik

_KLASSEN = {
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
#: Selects render their options inline (templates/widgets/keuzelijst.html); needs
#: FORM_RENDERER = TemplatesSetting. Only for widgets that use Django's own option template.
KEUZELIJST = "widgets/keuzelijst.html"
_OPTIE = forms.Select.option_template_name


def _bewaak(field: forms.Field) -> None:
    """Input hygiene (invoer.py) for one field of a form instance: text refuses control
    characters (a textarea keeps its line breaks and tabs), dates stay within the range the
    rules package can compute with. The field is the form's own copy (Django deep-copies the
    declared fields per form), so the validators do not pile up on the class."""
    if isinstance(field, forms.CharField):
        bewaker = MEERREGELIG if isinstance(field.widget, forms.Textarea) else EENREGELIG
        if bewaker not in field.validators:
            field.validators.append(bewaker)
    elif (
        isinstance(field, forms.DateField | forms.DateTimeField)
        and binnen_datumbereik not in field.validators
    ):
        field.validators.append(binnen_datumbereik)


class Vormgeving(TemplatesSetting):
    """The form renderer (settings.FORM_RENDERER): widgets through TEMPLATES (the project's
    widget templates are found) and one field template for every field
    (`includes/veld.html`, via `{{ form.veld.as_field_group }}`)."""

    field_template_name = "includes/veldgroep.html"


class NLDesignFormMixin:
    """Gives every widget its NL Design System class. Error and description wiring
    (aria-invalid, aria-describedby to `<id>_error` and `<id>_helptext`) is Django's own
    (BoundField); the field template uses the same ids. Every form of the project uses it,
    so it is also the one place where input hygiene is applied to every field.

    No `required` attribute: with it the browser marks every empty required field `:invalid`
    (and the component library colours it as an error) before anything was submitted. The
    field is marked with `aria-required` instead; the label says which fields are optional."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _bewaak(field)
            widget = field.widget
            klasse = next((k for t, k in _KLASSEN.items() if isinstance(widget, t)), _TEXTBOX)
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {klasse}".strip()
            if isinstance(widget, forms.Select) and widget.option_template_name == _OPTIE:
                widget.template_name = KEUZELIJST
            if field.required and not isinstance(
                widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect
            ):
                widget.attrs["aria-required"] = "true"


class _Keuzes(forms.models.ModelChoiceIterator):
    """The choices in one plain query. Django's iterator() opens a server-side cursor on
    PostgreSQL (extra round trips and a held cursor) for what are a few dozen rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class Modelkeuze(forms.ModelChoiceField):
    """A ModelChoiceField for the short lists of our forms (consulenten, gemeenten). A user
    is offered by name (`weergavenaam`), not by login name such as "0344-consulent-01"."""

    iterator = _Keuzes

    def label_from_instance(self, obj) -> str:
        naam = getattr(obj, "weergavenaam", None)
        return naam if isinstance(naam, str) and naam else str(obj)


def thema(request) -> dict:
    """Context processor: the theme's CSS files and root class (settings.THEMA_CSS/KLASSE)."""
    return {"thema_css": settings.THEMA_CSS, "thema_klasse": settings.THEMA_KLASSE}
