"""Server-rendered bar charts as inline SVG (no JavaScript). Each chart has a <title> and is
shown next to its data table, which carries the same figures for screen readers and export."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join

#: Colours with at least 3:1 contrast against white and against each other's neighbours.
KLEUREN = ["#154273", "#ca005d", "#39870c", "#e17000", "#5b5b5b"]
BREEDTE = 560
LABEL = 190
RIJ = 22


def staafdiagram(titel: str, labels: list[str], reeksen: list[tuple[str, list[float]]], eenheid=""):
    """Horizontal grouped bars: one group per label, one bar per series."""
    maximum = max((w for _, waarden in reeksen for w in waarden if w), default=0) or 1
    schaal = (BREEDTE - LABEL - 60) / maximum
    groep = RIJ * len(reeksen) + 8
    legenda = 24 if len(reeksen) > 1 else 0
    hoogte = legenda + groep * len(labels) + 4
    delen = []
    if len(reeksen) > 1:
        x = 0
        for i, (naam, _) in enumerate(reeksen):
            delen.append(
                format_html(
                    '<rect x="{}" y="4" width="12" height="12" fill="{}"></rect>'
                    '<text x="{}" y="15" font-size="12">{}</text>',
                    x,
                    KLEUREN[i % len(KLEUREN)],
                    x + 16,
                    naam,
                )
            )
            x += 24 + 7 * len(str(naam))
    for g, label in enumerate(labels):
        y0 = legenda + g * groep
        delen.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>',
                LABEL - 6,
                y0 + groep / 2 + 2,
                label,
            )
        )
        for i, (_, waarden) in enumerate(reeksen):
            waarde = waarden[g] or 0
            y = y0 + i * RIJ + 2
            lengte = max(0, waarde * schaal)
            delen.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                    '<text x="{}" y="{}" font-size="12">{}{}</text>',
                    LABEL,
                    y,
                    f"{lengte:.1f}",
                    RIJ - 4,
                    KLEUREN[i % len(KLEUREN)],
                    f"{LABEL + lengte + 4:.1f}",
                    y + RIJ - 8,
                    _getal(waarden[g]),
                    eenheid,
                )
            )
    return format_html(
        '<svg class="mon-grafiek" role="img" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        BREEDTE,
        hoogte,
        titel,
        format_html_join("", "{}", ((d,) for d in delen)),
    )


def _getal(waarde) -> str:
    if waarde is None:
        return "–"
    if isinstance(waarde, float):
        return f"{waarde:.1f}".replace(".", ",")
    return str(waarde)
