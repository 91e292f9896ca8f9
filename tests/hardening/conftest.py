"""The partners' fixtures (two organizations with portal users), shared here."""

from tests.partners.conftest import make_partner, make_portal_user, two_partners

__all__ = ["make_partner", "make_portal_user", "two_partners"]
