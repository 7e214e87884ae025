"""What every scorer returns: named figures plus a human-readable rendering."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    name: str
    metrics: dict[str, float | int]
    # Extra lines (confusion table, errors) shown after the figures in text mode.
    details: list[str] = field(default_factory=list)

    def render(self) -> str:
        width = max((len(key) for key in self.metrics), default=0)
        lines = [self.name]
        for key, value in self.metrics.items():
            shown = f"{value:.4f}" if isinstance(value, float) else str(value)
            lines.append(f"  {key:<{width}}  {shown}")
        return "\n".join(lines + self.details)
