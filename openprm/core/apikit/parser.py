"""Request parsing for the API: a scalar parameter may be given once.

Django keeps every value of a repeated query or form key and ninja would read
the last one; `?status=active&status=inactive` would then silently filter by
one of them. Refusing it with a field error tells the client what happened.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.parser import Parser


class SingleValueParser(Parser):
    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        repeated = [k for k in data if k not in list_fields and len(data.getlist(k)) > 1]
        if repeated:
            raise ValidationError(
                [
                    {
                        "loc": ("query", key),
                        "msg": _("Give this parameter once."),
                        "type": "repeated",
                    }
                    for key in repeated
                ]
            )
        return super().parse_querydict(data, list_fields, request)
