"""Form styling for NL Design System (Utrecht components) and accessible error wiring."""

from django import forms

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


class NLDesignFormMixin:
    """Gives every widget its NL Design System class; invalid fields get aria-invalid and a
    reference to their error message so screen readers announce it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            klasse = next((k for t, k in _KLASSEN.items() if isinstance(widget, t)), _TEXTBOX)
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {klasse}".strip()
            if isinstance(widget, forms.Select) and widget.option_template_name == _OPTIE:
                widget.template_name = KEUZELIJST

    def full_clean(self):
        super().full_clean()
        for naam in self.errors:
            if naam in self.fields:
                veld = self[naam]
                veld.field.widget.attrs["aria-invalid"] = "true"
                veld.field.widget.attrs["aria-describedby"] = f"{veld.auto_id}_fout"


class _Keuzes(forms.models.ModelChoiceIterator):
    """The choices in one plain query. Django's iterator() opens a server-side cursor on
    PostgreSQL (extra round trips and a held cursor) for what are a few dozen rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class Modelkeuze(forms.ModelChoiceField):
    """A ModelChoiceField for the short lists of our forms (consulenten, gemeenten)."""

    iterator = _Keuzes
