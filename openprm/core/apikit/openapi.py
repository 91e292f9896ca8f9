"""The NinjaAPI subclass that documents problem responses on every operation.

Every operation can answer 401, 403, 404, 409 and 422 as problem JSON; saying
so once here keeps the OpenAPI document true for clients and for schemathesis.
"""

from typing import Any

from ninja import NinjaAPI
from ninja.operation import Operation

from openprm.core.apikit.conflicts import declared_candidates
from openprm.core.apikit.problems import PROBLEM_CONTENT_TYPE, Problem

REF = "#/components/schemas/"

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
        problem_schema = Problem.model_json_schema(ref_template=REF + "{model}")
        components.update(problem_schema.pop("$defs", {}))
        components["Problem"] = problem_schema
        handlers = {
            self.get_openapi_operation_id(op): op.view_func
            for bound in self._get_bound_routers()
            for path_view in bound.path_operations.values()
            for op in path_view.operations
        }
        _refer_to_enums(schema.get("paths", {}), components)
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                conflict = self._conflict_schema(
                    components, operation, handlers.get(operation.get("operationId"))
                )
                responses = operation.setdefault("responses", {})
                declared = {str(code) for code in responses}
                for status, description in ERROR_STATUSES.items():
                    if str(status) not in declared:
                        ref = conflict if status == "409" and conflict else "Problem"
                        content = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": f"{REF}{ref}"}}}
                        responses[status] = {"description": description, "content": content}
        return schema

    @staticmethod
    def _conflict_schema(
        components: dict[str, Any], operation: dict[str, Any], handler: Any
    ) -> str | None:
        """The name of the operation's typed 409 problem, if it has one: an
        update guarded by `version` answers the stored record as `current` in
        its own output schema (PLAT-6), a create that checks duplicates lists
        them as `candidates` (CON-2, CUS-11); see `apikit.conflicts`."""
        success = next(
            (
                response["content"]["application/json"]["schema"].get("$ref", "")
                for status, response in operation.get("responses", {}).items()
                if str(status) in ("200", "201")
                and "application/json" in response.get("content", {})
            ),
            "",
        )
        output = success.removeprefix(REF)
        body = (
            operation.get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema", {})
            .get("$ref", "")
            .removeprefix(REF)
        )
        extra: dict[str, Any] = {}
        name = ""
        if output and "version" in components.get(body, {}).get("required", []):
            extra["current"] = {"$ref": success}
            name = "StaleVersion"
        candidate = declared_candidates(handler) if handler else None
        if candidate is not None:
            candidate_schema = candidate.model_json_schema(ref_template=REF + "{model}")
            components.update(candidate_schema.pop("$defs", {}))
            components[candidate.__name__] = candidate_schema
            extra["candidates"] = {"type": "array", "items": {"$ref": REF + candidate.__name__}}
            name = "Duplicates"
        if not extra or not output:
            return None
        problem = components["Problem"]
        name = output.removesuffix("Out") + name
        components[name] = {
            **problem,
            "title": name,
            "properties": {**problem["properties"], **extra},
        }
        return name


def _refer_to_enums(node: Any, components: dict[str, Any]) -> None:
    """Django Ninja copies a form field's or parameter's enum into the
    operation when it has a default (`existing: Form[ImportExisting] =
    ImportExisting.SKIP`); a generated client would name that copy after the
    operation. Each copy of a named enum refers to its component again, so
    the client reads one `ImportExisting` wherever it is sent."""
    if isinstance(node, list):
        for item in node:
            _refer_to_enums(item, components)
        return
    if not isinstance(node, dict):
        return
    for option in node.get("allOf", []):
        named = components.get(option.get("title", ""), {})
        if option is not named and "enum" in option and named.get("enum") == option["enum"]:
            option.clear()
            option["$ref"] = REF + named["title"]
    for value in node.values():
        _refer_to_enums(value, components)
