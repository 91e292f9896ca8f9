"""The NinjaAPI subclass that documents problem responses on every operation.

Every operation can answer 401, 403, 404, 409 and 422 as problem JSON; saying
so once here keeps the OpenAPI document true for clients and for schemathesis.
"""

from typing import Any

from ninja import NinjaAPI
from ninja.operation import Operation

from openprm.core.apikit.problems import PROBLEM_CONTENT_TYPE, Problem

ERROR_STATUSES = {
    "400": "Bad request",
    "401": "Not authenticated",
    "403": "Missing privilege",
    "404": "Not found (or not visible to you)",
    "409": "Conflict: stale version or duplicates",
    "422": "Invalid input",
    "429": "Too many requests",
}


class OpenPRMApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """An operation's id is its view function's name, which names the
        resource and the verb (`account_update`, `contact_create`): short, and
        stable whichever of an app's API modules holds the function, so
        clients generated from the document keep their method names. The
        names are unique across apps (tests/api checks it): a view whose
        resource is ambiguous names it (`product_option_list`)."""
        return operation.view_func.__name__

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(problem_schema.pop("$defs", {}))
        components["Problem"] = problem_schema
        problem_ref = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                responses = operation.setdefault("responses", {})
                declared = {str(code) for code in responses}
                for status, description in ERROR_STATUSES.items():
                    if str(status) not in declared:
                        responses[status] = {"description": description, "content": problem_ref}
        return schema
