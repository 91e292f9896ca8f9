"""Simulated users for `stress.load`: internal staff browsing pages, partner
staff in the portal, API clients, and (for the baseline) the bare WSGI app's
one lookup. STRESS_FIXTURES names the JSON written by `environment.fixtures`."""

import json
import os
import random
import re
from pathlib import Path

from locust import FastHttpUser, between, task

FIXTURES = json.loads(Path(os.environ["STRESS_FIXTURES"]).read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PASSWORD = "Demo-Pass-2026"
# No think time by default: the users keep the server saturated, so the
# throughput is the server's capacity under this mix (stress.load).
WAIT = between(0, float(os.environ.get("STRESS_MAX_WAIT", "0")))


def _prefix() -> str:
    """A two-letter name prefix (the contact search needs two characters)."""
    return random.choice(("ma", "jo", "an", "sa", "da", "le", "ch", "ro", "mi", "ka"))


class SignedInUser(FastHttpUser):
    abstract = True
    wait_time = WAIT
    usernames: tuple[str, ...] = ()

    def on_start(self) -> None:
        page = self.client.get("/account/sign-in/", name="sign-in form")
        token = CSRF.search(page.text)
        self.client.post(
            "/account/sign-in/",
            {
                "username": random.choice(self.usernames),
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/account/sign-in/"},
            name="sign-in",
        )


class InternalUser(SignedInUser):
    weight = 4
    usernames = ("admin", "salesadmin", "cam", "sales", "sales2")

    @task(3)
    def contact_list(self) -> None:
        self.client.get("/contacts/", name="/contacts/")

    @task(2)
    def contact_search(self) -> None:
        self.client.get(f"/contacts/?q={_prefix()}", name="/contacts/?q")

    @task(2)
    def account_list(self) -> None:
        self.client.get("/customers/accounts/", name="/customers/accounts/")

    @task(2)
    def contact_detail(self) -> None:
        """A contact the user may not see is 404 (TEAM-5): a right answer."""
        with self.client.get(
            f"/contacts/{random.choice(FIXTURES['contacts'])}/",
            name="/contacts/{id}/",
            catch_response=True,
        ) as response:
            if response.status_code == 404:
                response.success()

    @task(1)
    def partner_list(self) -> None:
        self.client.get("/partners/", name="/partners/")


class PortalUser(SignedInUser):
    weight = 2
    usernames = ("nw-admin", "nw-rep", "co-admin", "co-rep")

    @task(2)
    def contacts(self) -> None:
        self.client.get("/portal/contacts/", name="/portal/contacts/")

    @task(1)
    def organization(self) -> None:
        self.client.get("/portal/organization/", name="/portal/organization/")


class ApiUser(FastHttpUser):
    weight = 4
    wait_time = WAIT

    def on_start(self) -> None:
        self.auth = {"Authorization": f"Bearer {FIXTURES['token']}"}

    @task(4)
    def contact(self) -> None:
        self.client.get(
            f"/api/v1/contacts/{random.choice(FIXTURES['contacts'])}",
            name="/api/v1/contacts/{id}",
            headers=self.auth,
        )

    @task(2)
    def contacts(self) -> None:
        self.client.get(
            f"/api/v1/contacts?q={_prefix()}", name="/api/v1/contacts?q", headers=self.auth
        )

    @task(1)
    def accounts(self) -> None:
        self.client.get("/api/v1/accounts", name="/api/v1/accounts", headers=self.auth)

    @task(2)
    def account(self) -> None:
        self.client.get(
            f"/api/v1/accounts/{random.choice(FIXTURES['accounts'])}",
            name="/api/v1/accounts/{id}",
            headers=self.auth,
        )


class BareUser(FastHttpUser):
    """The baseline: the bare WSGI app answers only the contact lookup."""

    wait_time = WAIT

    def on_start(self) -> None:
        self.auth = {"Authorization": f"Bearer {FIXTURES['token']}"}

    @task
    def contact(self) -> None:
        self.client.get(
            f"/api/v1/contacts/{random.choice(FIXTURES['contacts'])}",
            name="/api/v1/contacts/{id}",
            headers=self.auth,
        )
