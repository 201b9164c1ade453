"""Form styling for NL Design System (Utrecht components) and accessible error wiring."""

from django import forms

_KLASSEN = {
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class NLDesignFormMixin:
    """Gives every widget its NL Design System class; invalid fields get aria-invalid and a
    reference to their error message so screen readers announce it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            klasse = next((k for t, k in _KLASSEN.items() if isinstance(widget, t)), _TEXTBOX)
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {klasse}".strip()

    def full_clean(self):
        super().full_clean()
        for naam in self.errors:
            if naam in self.fields:
                veld = self[naam]
                veld.field.widget.attrs["aria-invalid"] = "true"
                veld.field.widget.attrs["aria-describedby"] = f"{veld.auto_id}_fout"
