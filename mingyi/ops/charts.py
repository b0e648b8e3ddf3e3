"""Bar charts as plain geometry for inline SVG: the operator page needs no JavaScript."""

from dataclasses import dataclass

from mingyi.ops.selectors import DailySeries

WIDTH = 600
HEIGHT = 120
AXIS = 16  # room under the bars for the first and last date


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass(frozen=True)
class BarChart:
    title: str
    total: int
    peak: int
    bars: list[Bar]
    first: str
    last: str
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: int = HEIGHT - AXIS + 12


def bar_chart(series: DailySeries) -> BarChart:
    """One bar per day, scaled to the busiest day (a day with any count stays visible)."""
    slot = WIDTH / max(len(series.counts), 1)
    room = HEIGHT - AXIS
    peak = max(series.counts, default=0)
    bars = []
    for n, (day, count) in enumerate(zip(series.days, series.counts, strict=True)):
        height = 0.0 if not peak else max(room * count / peak, 1.0 if count else 0.0)
        bars.append(
            Bar(
                x=round(n * slot + 1, 1),
                y=round(room - height, 1),
                width=round(slot - 2, 1),
                height=round(height, 1),
                label=day.isoformat(),
                value=count,
            )
        )
    labels = [day.strftime("%m-%d") for day in series.days] or [""]
    return BarChart(series.name, series.total, peak, bars, labels[0], labels[-1])
