"""`{% load duo %}{% duo_sectie dossier %}`: the dossier's DUO section (notifications received,
deliveries and DUO's answers). The caller has already checked access to the dossier."""

from django import template

from ..models import InkomendBericht, UitgaandBericht

register = template.Library()


@register.inclusion_tag("koppelingen/_duo_sectie.html")
def duo_sectie(dossier):
    # Only the columns the section shows: the messages' JSON bodies (inhoud, DUO's answer) are
    # the bulk of each row, and each would be fetched and decoded for nothing.
    return {
        "notificaties": InkomendBericht.objects.filter(dossier=dossier)
        .only("ontvangen_op", "gebeurtenis_id", "status", "resultaat")
        .order_by("-ontvangen_op")[:50],
        "leveringen": UitgaandBericht.objects.filter(dossier=dossier)
        .only("soort", "aangemaakt_op", "status", "antwoord_status", "bevindingen", "laatste_fout")
        .order_by("-aangemaakt_op")[:50],
    }
