"""Horizontal bar charts drawn as SVG by the server: no script, and each one comes with its data table."""

from dataclasses import dataclass

BAR_WIDTH = 320  # pixels of the longest bar
ROW_HEIGHT = 28


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    width: int
    y: int

    @property
    def display(self) -> str:
        """The value as written in French ("4,25")."""
        return str(self.value).replace(".", ",") if isinstance(self.value, float) else str(self.value)


@dataclass(frozen=True)
class BarChart:
    title: str
    slug: str
    value_label: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars)


def bar_chart(title: str, slug: str, value_label: str, rows: list[tuple[str, float]]) -> BarChart:
    largest = max((value for _, value in rows), default=0) or 1
    return BarChart(
        title,
        slug,
        value_label,
        [
            Bar(label, value, round(BAR_WIDTH * value / largest), n * ROW_HEIGHT)
            for n, (label, value) in enumerate(rows)
        ],
    )
