"""Monthly change in U.S. nonfarm jobs, January 2006 to December 2015: losses and gains in two colours.

Used by the explainer on jobs after the Great Recession (``altair:`` form). The build passes the
chart's ``data:`` file as ``alt.Data``, already inlined.
"""

import altair as alt

LOSS = "#d55e00"
GAIN = "#0072b2"


def build(data: alt.Data) -> alt.Chart:
    direction = alt.when(alt.datum.nonfarm_change < 0).then(alt.value(LOSS)).otherwise(alt.value(GAIN))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("month:T", title=None, axis=alt.Axis(tickCount=5)),
            y=alt.Y("nonfarm_change:Q", title="Thousands of jobs"),
            color=direction,
            tooltip=[
                alt.Tooltip("month:T", title="Month", format="%B %Y"),
                alt.Tooltip("nonfarm_change:Q", title="Change (thousands)", format="+,"),
            ],
        )
    )
