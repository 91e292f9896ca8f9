"""What the buttons of the contact pages share: a refusal lands on the
contact's page as a message that names each field's problem."""

from typing import ClassVar

from django.urls import reverse

from openprm.core.views.editing import RecordAction


def contact_url(person_pk: int) -> str:
    return reverse("contacts:contact_detail", kwargs={"pk": person_pk})


class ContactAction(RecordAction):
    """A button on a contact's page. Most tell a refusal of access the way
    they tell any other (a message on the page, CON-11); the few that show
    the 403 page say so with `refusals_to_page`."""

    refusals_to_page: ClassVar[bool] = False
    refusal_details: ClassVar[bool] = True
