"""The hand-written SQL of the page benchmark's baseline (benchmarks.bare_pages):
for each page, the rows the application's page shows, under the same
visibility rules (TEAM-4, TEAM-5, CON-7, CON-8, PA-2, PRG-7), as few
statements as we can write them.

`{vis}` stands for the condition on an account row `a` that the user sees
(empty for users who see all sales data), `{ids}` for the same accounts as
a list of ids (the plan for users who reach few accounts). Names in
`%(name)s` are bound per request.
"""

PAGE = 50
MORE = PAGE + 1

# the user, its privileges and the resources at and below it (TEAM-4), one statement
USER = """SELECT u.user_type,
  EXISTS (SELECT 1 FROM identity_user_roles ur JOIN identity_role_privileges rp
          ON rp.role_id = ur.role_id JOIN identity_privilege p ON p.id = rp.privilege_id
          WHERE ur.user_id = u.id AND p.code = 'view_all_sales_data'),
  EXISTS (SELECT 1 FROM identity_user_roles ur JOIN identity_role_privileges rp
          ON rp.role_id = ur.role_id JOIN identity_privilege p ON p.id = rp.privilege_id
          WHERE ur.user_id = u.id AND p.code = 'manage_partners'),
  (SELECT pc.partner_id FROM partners_partnercontact pc WHERE pc.user_id = u.id),
  (SELECT pp.account_id FROM partners_partnercontact pc
   JOIN partners_partnerprofile pp ON pp.id = pc.partner_id WHERE pc.user_id = u.id)
FROM identity_user u WHERE u.id = %(me)s AND u.is_active"""
RESOURCES = """WITH RECURSIVE below(id) AS (
    SELECT id FROM identity_resource WHERE user_id = %(me)s
    UNION SELECT r.id FROM identity_resource r JOIN below b ON r.manager_id = b.id)
SELECT b.id, r.user_id FROM below b JOIN identity_resource r ON r.id = b.id"""
SESSION = "SELECT 1 FROM django_session WHERE session_key = %(session)s AND expire_date > %(now)s"

# accounts one sees: by owner (self and below), by team, by territory, managed partners
VISIBLE = """({a}.owner_id IN ({users}) OR EXISTS (SELECT 1 FROM teams_accountteammember tm
    WHERE tm.account_id = {a}.id AND (tm.user_id IN ({users}) OR tm.resource_id IN ({resources})))
  OR EXISTS (SELECT 1 FROM territories_accountterritory at
    JOIN territories_territory t ON t.id = at.territory_id AND t.active
    JOIN territories_territorymember m ON m.territory_id = at.territory_id
    WHERE at.account_id = {a}.id AND m.resource_id IN ({resources})){partners})"""
VISIBLE_IDS = """SELECT id FROM customers_account WHERE owner_id IN ({users})
  UNION SELECT tm.account_id FROM teams_accountteammember tm
    WHERE tm.user_id IN ({users}) OR tm.resource_id IN ({resources})
  UNION SELECT at.account_id FROM territories_accountterritory at
    JOIN territories_territory t ON t.id = at.territory_id AND t.active
    JOIN territories_territorymember m ON m.territory_id = at.territory_id
    WHERE m.resource_id IN ({resources}){partner_ids}"""
MANAGED = (
    " OR ({a}.account_type = 'partner' AND EXISTS (SELECT 1 FROM partners_partnerprofile pp "
    "WHERE pp.account_id = {a}.id AND pp.managed_partner))"
)
MANAGED_IDS = (
    " UNION SELECT pp.account_id FROM partners_partnerprofile pp JOIN customers_account a "
    "ON a.id = pp.account_id WHERE pp.managed_partner AND a.account_type = 'partner'"
)

ACCOUNTS = """SELECT a.id, a.name, a.account_type, u.first_name, u.last_name, a.region,
  a.postal_code, a.country, (SELECT pa.name FROM customers_account pa
    WHERE pa.id = a.parent_id AND pa.is_active {parent_vis})
FROM customers_account a LEFT JOIN identity_user u ON u.id = a.owner_id
WHERE a.is_active {scope} ORDER BY a.name_search, a.id LIMIT {more}"""

# contacts: the list's columns, then the visible customers of the page's contacts
PERSON_COLUMNS = """p.id, p.first_name, p.last_name, p.kind, p.job_title,
  (SELECT e.email FROM contacts_contactpoint e WHERE e.person_id = p.id AND e.kind = 'email'
   AND e.is_primary), (SELECT f.phone FROM contacts_contactpoint f WHERE f.person_id = p.id
   AND f.kind = 'phone' AND f.is_primary),
  EXISTS (SELECT 1 FROM contacts_favorite v WHERE v.user_id = %(me)s AND v.person_id = p.id)"""
ORDER = "ORDER BY p.last_name_search, p.name_search, p.id"
# `{fence}` is " OFFSET 0" on PostgreSQL where the EXISTS is one arm of an OR
# (left out elsewhere, where it would stop the semi-join): without it, the
# name search's `p.kind = 'b2c' OR EXISTS …` was planned as a hash of every
# relationship in the table (85-110 ms at 20,000 contacts) instead of the
# contact's own few rows by index (1.3 ms); SQLite checks it per row anyway
RELATED = """EXISTS (SELECT 1 FROM contacts_relationship r JOIN customers_account a
  ON a.id = r.account_id WHERE r.person_id = p.id AND a.is_active AND {condition}{fence})"""
RELATED_IDS = """p.id IN (SELECT r.person_id FROM contacts_relationship r JOIN customers_account a
  ON a.id = r.account_id WHERE a.is_active AND {condition})"""
CONTACTS = f"SELECT {PERSON_COLUMNS} FROM contacts_person p WHERE p.is_active AND {{condition}} "
CONTACTS += f"{ORDER} LIMIT {{more}}"
CONTACTS_FROM = f"""SELECT {PERSON_COLUMNS} FROM (SELECT DISTINCT r.person_id AS id
  FROM contacts_relationship r JOIN customers_account a ON a.id = r.account_id
  WHERE a.is_active AND {{condition}}) ids JOIN contacts_person p ON p.id = ids.id
WHERE p.is_active {ORDER} LIMIT {{more}}"""
# PostgreSQL: the same rows, each step an index lookup by the ids the step
# before found (`= ANY(ARRAY(…))`). Joined, the planner guessed ten contacts
# per account and hashed the whole contact table (20 ms for a channel
# manager's one contact at 20,000) where the lookups take 0.4 ms
CONTACTS_ANY = f"""SELECT {PERSON_COLUMNS} FROM contacts_person p
WHERE p.is_active AND p.id = ANY(ARRAY(SELECT DISTINCT r.person_id FROM contacts_relationship r
  WHERE r.account_id = ANY(ARRAY(SELECT a.id FROM customers_account a
    WHERE a.is_active AND {{condition}})))) {ORDER} LIMIT {{more}}"""
SAVED_SEARCH = "SELECT code FROM contacts_savedsearch WHERE id = %(pk)s AND code IS NOT NULL"
FAVORITES = f"""SELECT {PERSON_COLUMNS} FROM contacts_favorite v0
JOIN contacts_person p ON p.id = v0.person_id
WHERE v0.user_id = %(me)s AND p.is_active AND {{visible}} {ORDER} LIMIT {{more}}"""
NAME_ARMS = f"""SELECT {PERSON_COLUMNS} FROM contacts_person p WHERE p.id IN (
  SELECT id FROM (SELECT p.id FROM contacts_person p WHERE p.name_search >= %(low)s
      AND p.name_search < %(high)s AND p.is_active AND {{condition}} {ORDER} LIMIT {{more}}) f
  UNION SELECT id FROM (SELECT p.id FROM contacts_person p WHERE p.last_name_search >= %(low)s
      AND p.last_name_search < %(high)s AND p.is_active AND {{condition}} {ORDER}
      LIMIT {{more}}) l) {ORDER} LIMIT {{more}}"""
CUSTOMERS = """SELECT r.person_id, a.id, a.name FROM contacts_relationship r
JOIN customers_account a ON a.id = r.account_id
WHERE r.person_id IN ({persons}) AND a.is_active {scope} ORDER BY r.id"""

PARTNERS_FROM = """FROM partners_partnerprofile pp JOIN customers_account a ON a.id = pp.account_id
WHERE pp.managed_partner AND a.account_type = 'partner' AND a.is_active {scope}"""
PARTNERS = f"""SELECT pp.id, a.name, pp.status, a.region, a.country, u.first_name, u.last_name,
  (SELECT COUNT(*) FROM partners_partnercontact c WHERE c.partner_id = pp.id),
  (SELECT p.name FROM customers_account p WHERE p.id = a.parent_id AND p.is_active)
{PARTNERS_FROM} ORDER BY a.name_search, pp.id LIMIT {{more}}"""
PARTNERS = PARTNERS.replace(
    "FROM partners_partnerprofile pp JOIN customers_account a ON a.id = pp.account_id",
    "FROM partners_partnerprofile pp JOIN customers_account a ON a.id = pp.account_id "
    "LEFT JOIN identity_user u ON u.id = a.owner_id",
    1,
)
TERRITORIES = f"""SELECT t.id, t.name, t.territory_type, t.active, a.name
FROM territories_territory t LEFT JOIN customers_account a ON a.id = t.partner_id
ORDER BY t.name, t.id LIMIT {MORE}"""
USERS = f"""SELECT u.id, u.username, u.first_name, u.last_name, u.email, u.user_type
FROM identity_user u ORDER BY u.username, u.id LIMIT {MORE}"""
USER_ROLES = """SELECT ur.user_id, r.name FROM identity_user_roles ur
JOIN identity_role r ON r.id = ur.role_id WHERE ur.user_id IN ({users}) ORDER BY r.name"""
IMPORTS = f"""SELECT j.id, j.created_at, j.kind, j.original_name, j.status, j.accepted_rows,
  j.rejected_rows FROM imports_importjob j {{scope}}
ORDER BY j.created_at DESC, j.id DESC LIMIT {MORE}"""
PORTAL_CONTACTS = f"""SELECT pc.id, p.first_name, p.last_name, pc.level, ro.name,
  EXISTS (SELECT 1 FROM partners_partnercontactfavorite v WHERE v.user_id = %(me)s
          AND v.partner_contact_id = pc.id)
FROM partners_partnercontact pc JOIN contacts_person p ON p.id = pc.person_id
LEFT JOIN identity_role ro ON ro.id = pc.role_id
WHERE pc.partner_id = %(partner)s {{scope}}
ORDER BY p.last_name_search, pc.id LIMIT {MORE}"""

# the portal's deal lists: the partner's own rows (DEAL-9), in the list's order
PORTAL_REGISTRATIONS = f"""SELECT g.id, g.number, g.title, g.customer_name, g.amount, g.state,
  g.close_date, g.protection_ends FROM deals_dealregistration g
WHERE g.partner_id = %(partner)s ORDER BY g.number DESC, g.id DESC LIMIT {MORE}"""
PORTAL_LEADS = f"""SELECT l.id, l.name, a.name, l.amount, l.status,
  (SELECT f.deadline FROM deals_leadoffer f WHERE f.lead_id = l.id
   AND f.partner_id = %(partner)s AND f.outcome = 'open' LIMIT 1)
FROM deals_lead l JOIN customers_account a ON a.id = l.account_id
WHERE l.partner_id = %(partner)s ORDER BY l.created_at DESC, l.id DESC LIMIT {MORE}"""
PORTAL_OPPORTUNITIES = f"""SELECT o.id, o.name, a.name, o.stage, o.amount, o.close_date
FROM deals_opportunity o JOIN customers_account a ON a.id = o.account_id
WHERE o.partner_id = %(partner)s ORDER BY o.close_date, o.id LIMIT {MORE}"""

COUNT = "SELECT COUNT(*) FROM ({rows}) counted"

# detail pages: the record under the same visibility, then what its page lists
ACCOUNT = """SELECT a.id, a.name, a.account_type, a.city, a.postal_code, a.country,
  u.first_name, u.last_name, (SELECT pa.name FROM customers_account pa
    WHERE pa.id = a.parent_id AND pa.is_active {parent_vis})
FROM customers_account a LEFT JOIN identity_user u ON u.id = a.owner_id
WHERE a.id = %(pk)s AND a.is_active {scope}"""
ACCOUNT_PARTS = [
    "SELECT b.id, b.name FROM customers_billingaccount b WHERE b.account_id = %(pk)s",
    "SELECT n.id, n.text, n.created_at FROM customers_note n WHERE n.account_id = %(pk)s "
    "ORDER BY n.created_at DESC, n.id DESC LIMIT 10",
    "SELECT t.id, t.name FROM territories_accountterritory at JOIN territories_territory t "
    "ON t.id = at.territory_id WHERE at.account_id = %(pk)s ORDER BY t.name",
    "SELECT c.id, c.name FROM customers_account c WHERE c.parent_id = %(pk)s AND c.is_active "
    "ORDER BY c.name_search, c.id LIMIT 10",
]
CONTACT = """SELECT p.id, p.first_name, p.last_name, p.kind, p.job_title, u.first_name,
  u.last_name, EXISTS (SELECT 1 FROM contacts_favorite v WHERE v.user_id = %(me)s
  AND v.person_id = p.id)
FROM contacts_person p LEFT JOIN identity_user u ON u.id = p.owner_id
WHERE p.id = %(pk)s {scope}"""
CONTACT_PARTS = [
    "SELECT c.id, c.kind, c.email, c.phone, c.is_primary FROM contacts_contactpoint c "
    "WHERE c.person_id = %(pk)s ORDER BY c.kind, c.is_primary DESC, c.id",
    "SELECT r.id, a.id, a.name, r.relationship_type FROM contacts_relationship r "
    "JOIN customers_account a ON a.id = r.account_id WHERE r.person_id = %(pk)s "
    "AND a.is_active {related_vis} ORDER BY r.id",
]
PARTNER = """SELECT pp.id, a.name, pp.status, a.city, a.country, u.first_name, u.last_name
FROM partners_partnerprofile pp JOIN customers_account a ON a.id = pp.account_id
LEFT JOIN identity_user u ON u.id = a.owner_id
WHERE pp.id = %(pk)s AND pp.managed_partner AND a.is_active {scope}"""
PARTNER_PARTS = [
    "SELECT pc.id, p.first_name, p.last_name, pc.level FROM partners_partnercontact pc "
    "JOIN contacts_person p ON p.id = pc.person_id WHERE pc.partner_id = %(pk)s "
    f"ORDER BY p.last_name_search, pc.id LIMIT {MORE}",
]
TERRITORY = """SELECT t.id, t.name, t.territory_type, t.active, t.description
FROM territories_territory t WHERE t.id = %(pk)s"""
TERRITORY_PARTS = [
    "SELECT m.id, r.name FROM territories_territorymember m JOIN identity_resource r "
    "ON r.id = m.resource_id WHERE m.territory_id = %(pk)s ORDER BY r.name",
    "SELECT c.id, c.dimension, c.value, c.value_to FROM territories_territorycriterion c "
    "WHERE c.territory_id = %(pk)s",
    "SELECT a.id, a.name, at.source FROM territories_accountterritory at "
    "JOIN customers_account a ON a.id = at.account_id WHERE at.territory_id = %(pk)s "
    f"ORDER BY a.name_search, a.id LIMIT {MORE}",
]
USER_DETAIL = """SELECT u.id, u.username, u.first_name, u.last_name, u.email, u.user_type,
  u.is_active, u.last_login, r.name, m.name FROM identity_user u
LEFT JOIN identity_resource r ON r.user_id = u.id
LEFT JOIN identity_resource m ON m.id = r.manager_id WHERE u.id = %(pk)s"""
USER_PARTS = [USER_ROLES.format(users="%(pk)s")]
IMPORT = """SELECT j.id, j.kind, j.original_name, j.status, j.accepted_rows, j.rejected_rows,
  j.created_at FROM imports_importjob j WHERE j.id = %(pk)s AND j.created_by_id = %(me)s"""
PORTAL_CONTACT = """SELECT pc.id, p.first_name, p.last_name, p.job_title, pc.level, ro.name
FROM partners_partnercontact pc JOIN contacts_person p ON p.id = pc.person_id
LEFT JOIN identity_role ro ON ro.id = pc.role_id
WHERE pc.id = %(pk)s AND pc.partner_id = %(partner)s"""
PORTAL_CONTACT_PARTS = [
    "SELECT c.kind, c.email, c.phone FROM contacts_contactpoint c "
    "JOIN partners_partnercontact pc ON pc.person_id = c.person_id WHERE pc.id = %(pk)s "
    "ORDER BY c.kind, c.is_primary DESC, c.id",
]
