"""Who sees which partners and partner contacts (PRG-7, DESIGN.md: fail closed).

A portal user belongs to the partner of its PartnerContact membership — read
from the database, never from a request — and sees that partner only.
Internal users holding Manage Partners see every partner; other internal
users see a partner when they see its account (TEAM-5).

Creating, changing and (in)activating partners, adding and removing their
contacts, promoting a contact and flagging an account a managed partner is
the channel team's work: internal users with Manage Partners (PC-1). So are
a partner's portal settings (PRG-13). The partner administrator manages the
portal users of its own organization (PRG-2), and a parent partner's users
see its subsidiaries' contacts — and, through the Actor's `partner_reach`,
their deals and trainings — where the channel team switched that on for the
parent (PRG-13).

One module each: the portal user's membership, its sign-in gate, its
partner reach, the account grants, the refusals, and the policies of
partners and of partner contacts.
"""
