from django.contrib import admin

from .models import Verhuisinstelling


@admin.register(Verhuisinstelling)
class VerhuisinstellingAdmin(admin.ModelAdmin):
    list_display = ("gemeente", "notities_meegeven")
    list_select_related = ("gemeente",)
