"""Who sees which contacts, and who may edit or delete them.

A contact is visible when it is related to an account the actor may see, when
the actor created it, or when the actor may view all sales data (TEAM-5: no
access to an account, no access to its contacts). Contact points,
preferences and relationships follow their person. Partner (portal) users see
no contacts here; the partners app gives them their own through its selectors.

One module per record family (persons, contact points and preferences,
relationships, saved searches, households); the SQL conditions on persons
and the edit rules they share have their own.
"""
