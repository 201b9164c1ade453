"""`{% load duo %}{% duo_sectie dossier %}`: the dossier's DUO section (notifications received,
deliveries and DUO's answers). The caller has already checked access to the dossier."""

from django import template

from ..models import InkomendBericht, UitgaandBericht

register = template.Library()


@register.inclusion_tag("koppelingen/_duo_sectie.html")
def duo_sectie(dossier):
    return {
        "notificaties": InkomendBericht.objects.filter(dossier=dossier).order_by("-ontvangen_op")[
            :50
        ],
        "leveringen": UitgaandBericht.objects.filter(dossier=dossier).order_by("-aangemaakt_op")[
            :50
        ],
    }
