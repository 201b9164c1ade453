from django.contrib import admin

from .models import Betrokkenheid, Medewerker, Organisatie


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "actief"]
    list_filter = ["soort", "actief"]
    search_fields = ["naam", "kvk_nummer", "oin"]
    filter_horizontal = ["gemeenten"]


@admin.register(Medewerker)
class MedewerkerAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "organisatie"]
    list_select_related = ["gebruiker", "organisatie"]
    raw_id_fields = ["gebruiker"]


@admin.register(Betrokkenheid)
class BetrokkenheidAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "grond", "begin", "einde"]
    list_filter = ["grond"]
    raw_id_fields = ["dossier"]
