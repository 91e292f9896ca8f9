"""The TEAM-5 matrices' world: the records of the sales apps (see
tests/access/world.py), built once per module."""

from tests.access.world import SALES_APPS, world_fixture

world = world_fixture(SALES_APPS)
