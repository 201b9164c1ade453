"""API keys in the admin: the beheerder creates one for an organisation and sees it once (in
the confirmation message); only its hash is stored. Revoking is an action; a key is never
edited or shown again."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Idempotentie, Sleutel


@admin.register(Sleutel)
class SleutelAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "naam", "prefix", "aangemaakt_op", "laatst_gebruikt_op",
                    "ingetrokken_op"]  # fmt: skip
    list_filter = ["organisatie__soort"]
    list_select_related = ["organisatie"]
    search_fields = ["organisatie__naam", "naam", "prefix"]
    actions = ["trek_in"]
    readonly_fields = ["prefix", "aangemaakt_op", "laatst_gebruikt_op", "ingetrokken_op"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["organisatie", "naam"]
        return ["organisatie", "naam", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["organisatie", *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the key stays on record

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["naam"])
            return
        rij, sleutel = Sleutel.maak(obj.organisatie, obj.naam)
        obj.pk, obj.prefix, obj.sleutelhash = rij.pk, rij.prefix, rij.sleutelhash
        obj.aangemaakt_op = rij.aangemaakt_op
        messages.warning(
            request,
            _(
                "De API-sleutel is: %(sleutel)s — kopieer hem nu; hij wordt niet opgeslagen "
                "en is hierna niet meer te zien."
            )
            % {"sleutel": sleutel},
        )

    @admin.action(description=_("Geselecteerde sleutels intrekken"))
    def trek_in(self, request, queryset):
        aantal = 0
        for sleutel in queryset.filter(ingetrokken_op__isnull=True):
            sleutel.trek_in()
            aantal += 1
        self.message_user(
            request,
            ngettext("%(n)d sleutel ingetrokken.", "%(n)d sleutels ingetrokken.", aantal)
            % {"n": aantal},
        )


@admin.register(Idempotentie)
class IdempotentieAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "sleutel", "pad", "status", "aangemaakt_op"]
    list_select_related = ["organisatie"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
