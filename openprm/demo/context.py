"""What the demo seeders share: size, deterministic randomness, and the
records and sign-ins earlier seeders made for later ones."""

import random
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

DEMO_PASSWORD = "Demo-Pass-2026"

SIZES: dict[str, dict[str, int]] = {
    "small": {"accounts": 60, "contacts": 200, "partners": 6},
    "large": {"accounts": 100_000, "contacts": 1_000_000, "partners": 10_000},
}


@dataclass
class DemoContext:
    size: str
    seed: int = 2026
    records: dict[str, Any] = field(default_factory=dict)
    sign_ins: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.faker = Faker()
        self.faker.seed_instance(self.seed)

    def count(self, what: str) -> int:
        return SIZES[self.size][what]

    def sign_in(self, username: str, description: str) -> None:
        self.sign_ins.append((username, description))
