"""PLAT-2 permission matrix of the platform routes, with the reusable
helper in openprm.core.testing.matrix: refused writes leave the tables
unchanged."""

import pytest
from django.test import Client

from openprm.core.lookups.models import LookupType, LookupValue
from openprm.core.options.models import ProfileOption
from openprm.core.testing.matrix import Row, run_matrix
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.identity.models import Resource, Role, User
from tests.factories import make_user

pytestmark = pytest.mark.django_db

OPTION = "/api/v1/profile-options/ZPM_PARTNER_CONTACT_MANDATORY"
NEW_USER = {"username": "newbie", "password": "Correct-Horse-42", "roles": []}


def test_plat_2_platform_permission_matrix(
    admin_user: User, salesperson: User, api_client_for
) -> None:
    partner = make_user(PARTNER_ADMINISTRATOR, user_type="partner")
    clients = {
        "admin": api_client_for(admin_user),
        "sales": api_client_for(salesperson),
        "partner": api_client_for(partner),
        "anonymous": Client(),
    }
    role = Role.objects.get(code="salesperson")
    value = LookupValue.objects.filter(lookup_type__code="INDUSTRY").first()
    assert value is not None
    option_write = {"value": "No", "version": 1}
    privileges = {"privileges": [], "version": role.version}
    rows = [
        Row("anonymous", "get", "/api/v1/me", 401),
        Row("partner", "get", "/api/v1/me", 200),
        Row("sales", "get", "/api/v1/users", 403),
        Row("partner", "get", "/api/v1/users", 403),
        Row("admin", "get", "/api/v1/users", 200),
        Row("anonymous", "post", "/api/v1/users", 401, NEW_USER, (User,)),
        Row("sales", "post", "/api/v1/users", 403, NEW_USER, (User,)),
        Row("partner", "post", "/api/v1/users", 403, NEW_USER, (User,)),
        Row("admin", "post", "/api/v1/users", 201, NEW_USER),
        Row("sales", "post", f"/api/v1/users/{admin_user.pk}/deactivate", 404, None, (User,)),
        Row("sales", "post", f"/api/v1/users/{salesperson.pk}/deactivate", 403, None, (User,)),
        Row("sales", "put", f"/api/v1/roles/{role.pk}/privileges", 403, privileges, (Role,)),
        Row("partner", "put", f"/api/v1/roles/{role.pk}/privileges", 404, privileges, (Role,)),
        Row("partner", "get", "/api/v1/resources", 200),
        Row("sales", "post", "/api/v1/resources", 403, {"name": "X"}, (Resource,)),
        Row("sales", "get", OPTION, 200),
        Row("sales", "patch", OPTION, 403, option_write, (ProfileOption,)),
        Row("partner", "patch", OPTION, 403, option_write, (ProfileOption,)),
        Row("admin", "patch", OPTION, 200, option_write),
        Row("sales", "post", "/api/v1/lookups", 403, {"code": "X", "name": "X"}, (LookupType,)),
        Row("sales", "delete", f"/api/v1/lookup-values/{value.pk}", 403, None, (LookupValue,)),
        Row("partner", "get", "/api/v1/lookups/REASON_CODE", 200),
        Row("anonymous", "get", "/api/v1/lookups", 401),
    ]
    run_matrix(clients, rows)
