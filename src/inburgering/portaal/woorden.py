"""The portal's own words for the staff app's codes, in plain language (B1) and in the
portal's catalogues: the staff labels ("Brede intake", "LE") are for professionals and exist in
Dutch and English only."""

from django.utils.translation import gettext_lazy as _

AFSPRAAKSOORT = {
    "kennismaking": _("Kennismakingsgesprek"),
    "intake": _("Gesprek over uw inburgering (brede intake)"),
    "lbt": _("Leerbaarheidstoets"),
    "voortgang": _("Gesprek over hoe het gaat"),
    "overig": _("Afspraak"),
}

AFSPRAAKVORM = {
    "op_locatie": _("Op het gemeentehuis"),
    "telefoon": _("Wij bellen u"),
    "video": _("Videobellen"),
    "huisbezoek": _("Wij komen bij u thuis"),
}

LEERROUTE = {
    "b1": _("B1-route: u leert Nederlands tot niveau B1."),
    "onderwijs": _("Onderwijsroute: u leert Nederlands en gaat daarna naar school."),
    "z": _("Z-route: u leert Nederlands en doet mee in uw buurt."),
}

EXAMEN = {
    "LE": _("Lezen"),
    "LU": _("Luisteren"),
    "SC": _("Schrijven"),
    "SP": _("Spreken"),
    "KNM": _("Kennis van de Nederlandse maatschappij"),
}

PLAATSING = {
    "aangemeld": _("Aangemeld, u hoort wanneer u begint"),
    "intake": _("Kennismaking bij de school"),
    "gestart": _("U volgt deze les"),
    "afgerond": _("Klaar met deze les"),
    "uitgevallen": _("Gestopt"),
    "geannuleerd": _("Niet doorgegaan"),
    "verhuisd": _("Gestopt omdat u bent verhuisd"),
}

#: What the gemeente pays from the bijstand during ontzorgen (Pw art. 56a), in plain words.
KOSTEN = {
    "huur": _("Huur"),
    "energie": _("Gas en stroom"),
    "water": _("Water"),
    "zorgverzekering": _("Zorgverzekering"),
    "overig": _("Andere vaste kosten"),
}

#: The kind of each letter the person received (`brieven.verzonden`), as its title in the
#: person's language; the letter's own Dutch subject is shown beside it.
BRIEFSOORT = {
    "uitnodiging_intake": _("Uitnodiging voor de brede intake"),
    "waarschuwing": _("Waarschuwing: u bent niet gekomen"),
    "boetevoornemen": _("De gemeente wil u een boete geven"),
    "herinnering_afspraak": _("Herinnering aan een afspraak"),
    "intake_zonder_persoon": _("De brede intake is zonder u afgerond"),
    "pip_beschikking": _("Besluit over uw plan (PIP)"),
    "handhaving_voornemen": _("De gemeente wil u een boete geven"),
    "handhaving_beschikking": _("Besluit: u krijgt een boete"),
}
ANDERE_BRIEF = _("Brief van de gemeente")
