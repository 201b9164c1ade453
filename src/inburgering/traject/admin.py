from django.contrib import admin

from .models import Aanbieder, Bestandsindeling, Contract, Instelling, Locatie, Product

admin.site.register(Aanbieder)
admin.site.register(Locatie)
admin.site.register(Product)
admin.site.register(Contract)
admin.site.register(Instelling)
admin.site.register(Bestandsindeling)
