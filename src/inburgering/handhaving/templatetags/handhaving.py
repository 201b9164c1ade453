from django import template

from inburgering.wet.boetes import euro as _euro

register = template.Library()


@register.filter
def euro(cents) -> str:
    """Integer cents as Dutch money: 25000 -> '€ 250'."""
    if cents is None or cents == "":
        return "—"
    return _euro(int(cents))
