from django.contrib import admin

from .models import PipInstelling, PipSjabloon

admin.site.register(PipInstelling)
admin.site.register(PipSjabloon)
