"""Demo imports (IMP-1): the channel manager imports partner contacts and a
salesperson imports prospects, each file with one row the rules refuse, so
the import lists, the rejected rows and the home pages have something to
show."""

from django.core.files.base import ContentFile

from openprm.demo.context import DemoContext
from openprm.imports.services.job_setup import job_create
from openprm.imports.services.runs import job_run

FILES = (
    (
        "user:cam",
        "partner_contacts",
        "partner-contacts.csv",
        "Partner (name),First name,Last name,E-mail,Job title\n"
        "Northwind Resellers,Olivia,Orchard,olivia.orchard@northwind.example,Presales engineer\n"
        "Contoso Distribution,Paul,Park,paul.park@contoso.example,Account manager\n"
        "Fabrikam Unknown,Quinn,Quill,quinn.quill@example.com,Buyer\n",
    ),
    (
        "user:sales",
        "prospects",
        "trade-fair-leads.csv",
        "Name,City,Postal code,Country\n"
        "Bluebird Analytics,Denver,80202,US\n"
        "Lindqvist Maskin,Hamburg,20095,DE\n"
        ",Paris,75001,FR\n",
    ),
)


def seed(context: DemoContext) -> None:
    for who, kind, name, content in FILES:
        actor = context.records.get(who)
        if actor is None:
            continue
        job = job_create(
            actor=actor, kind=kind, upload=ContentFile(content.encode(), name=name), name=name
        )
        job_run(job)
