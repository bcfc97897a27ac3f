"""Horizontal bar charts drawn as SVG by the server: no script, and each one comes with its data table."""

from dataclasses import dataclass

BAR_WIDTH = 320  # pixels of the longest bar
ROW_HEIGHT = 28


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: int
    y: int


@dataclass(frozen=True)
class BarChart:
    title: str
    slug: str
    value_label: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars)


def bar_chart(title: str, slug: str, value_label: str, rows: list[tuple[str, int]]) -> BarChart:
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
