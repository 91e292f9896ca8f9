"""The portal's own row of the access matrices (tests/access/cases.py): its
index sends everyone to the home page. Every other portal page is an
app's, in that app's rows or derived from its declaration."""

from tests.access.cases import EVERYONE, Case

PAGES = {"portal:index": [Case("get", allowed=EVERYONE, ok=302)]}
