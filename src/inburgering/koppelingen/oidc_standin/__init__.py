"""A stand-in OpenID Connect provider for the demo and the tests (no Django).

It speaks the real protocol, as the gemeente's identity provider would (Keycloak, Entra ID,
ADFS): a discovery document, the authorization code flow with PKCE (S256, required), an ID
token signed with RS256 whose key is published as a JWKS, and a userinfo endpoint. The login
page lists the demo accounts with their claims instead of asking for a password.

    manage.py oidc_standin --port 8090          (see the command for the options)

The portal's citizens (`burger`) carry a BSN claim as a DigiD broker's would; they are offered
to the portal's client only.
"""

from .server import Standin, StandinGebruiker, burger, standaard_gebruikers

__all__ = ["Standin", "StandinGebruiker", "burger", "standaard_gebruikers"]
