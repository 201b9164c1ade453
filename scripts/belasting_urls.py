"""The product's URLs plus `/_vloer/` for the load benchmark (see belasting_instellingen.py)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from inburgering.urls import handler500  # noqa: F401
from inburgering.urls import urlpatterns as product_urls


@login_required
def alleen_opmaak(request):
    """The floor under every page: session, user, middleware and base.html, no data."""
    return render(request, "base.html", {})


urlpatterns = [path("_vloer/", alleen_opmaak), *product_urls]
