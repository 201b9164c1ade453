"""Forms shared by the privacy officer's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.bsn import valideer_bsn
from inburgering.ui import NLDesignFormMixin


class BsnVeld(forms.CharField):
    """A BSN as people type it ("999 99 0019", "999.99.0019"): spaces and dots go before the
    elfproef. Posted, never in a URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"})
        )
        super().__init__(validators=[valideer_bsn], **kwargs)

    def to_python(self, value):
        return super().to_python(value).replace(" ", "").replace(".", "")


class BsnForm(NLDesignFormMixin, forms.Form):
    """One person by BSN: the access-log search (`label` "Persoon (BSN)") and the AVG
    inzageverzoek."""

    bsn = BsnVeld(label=_("BSN van de betrokkene"))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["bsn"].label = label
