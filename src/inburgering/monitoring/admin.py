from django.contrib import admin

from .models import Doelstelling, Taakstelling


@admin.register(Doelstelling)
class DoelstellingAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "indicator", "streefwaarde"]
    list_filter = ["gemeente", "indicator"]


@admin.register(Taakstelling)
class TaakstellingAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "jaar", "halfjaar", "aantal"]
    list_filter = ["gemeente", "jaar"]
