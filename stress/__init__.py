"""Load, fault and concurrency runs against a real `openprm serve` on this
machine (127.0.0.1 only, bounded in time). Figures are reported, never
asserted; see README.md and docs/reliability.md."""
