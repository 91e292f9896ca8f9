"""A permission matrix every app's tests reuse: who calls which route, expecting what.

Each row says who calls which route and what must come back. For a refused
write the named tables must be unchanged afterwards — a 403 that still
changed data is a failure — so the rows of those tables are snapshotted
before and after the call. A row may also name texts (the names of records
the actor may not see) that must appear nowhere in the answer, whatever its
status. All failures are collected and reported together, so one run shows
the whole matrix.

    run_matrix(
        {"admin": admin_client, "sales": sales_client, "anonymous": Client()},
        [
            Row("sales", "post", "/api/v1/users", 403, body={...}, unchanged=(User,)),
            Row("admin", "get", "/api/v1/users", 200),
        ],
    )

The list matrix checks what a list, search, picker, export or count shows:
the exact set of records (no leak, nothing missing) read from the answer by
a `Reader`, and the count the answer states.

    run_list_matrix(clients, [ListRow("sales", "/api/v1/users", json_items(), {"7", "9"})])

The route matrix is routes.py; the list matrix lists.py, with the readers
of answers readers.py and answers.py.
"""

from openprm.core.testing.matrix.answers import (
    XLSX,
    answer_text,
    body_bytes,
    csv_cells,
    leaks,
    xlsx_cells,
)
from openprm.core.testing.matrix.lists import (
    Fetch,
    ListRow,
    background_export,
    check_list_row,
    plain_get,
    run_list_matrix,
)
from openprm.core.testing.matrix.readers import (
    Listing,
    Reader,
    csv_column,
    html_rows,
    html_values,
    json_items,
    texts_shown,
    xlsx_column,
)
from openprm.core.testing.matrix.routes import (
    WRITE_METHODS,
    Row,
    check_row,
    rolled_back,
    run_matrix,
    table_rows,
)

__all__ = [
    "WRITE_METHODS",
    "XLSX",
    "Fetch",
    "ListRow",
    "Listing",
    "Reader",
    "Row",
    "answer_text",
    "background_export",
    "body_bytes",
    "check_list_row",
    "check_row",
    "csv_cells",
    "csv_column",
    "html_rows",
    "html_values",
    "json_items",
    "leaks",
    "plain_get",
    "rolled_back",
    "run_list_matrix",
    "run_matrix",
    "table_rows",
    "texts_shown",
    "xlsx_cells",
    "xlsx_column",
]
