from django.contrib import admin

from .models import Doelstelling


@admin.register(Doelstelling)
class DoelstellingAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "indicator", "streefwaarde"]
    list_filter = ["gemeente", "indicator"]
