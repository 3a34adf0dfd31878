"""Small tables the lessons show: how a sample's categories compare with the pool it was drawn from."""

from __future__ import annotations

import pandas as pd


def share_table(pool: pd.Series, sample: pd.Series, name: str) -> pd.DataFrame:
    """Counts per category in a pool and in a sample drawn from it, with each one's percentages."""
    table = pd.concat([pool.rename("pool"), sample.rename("sampel")], axis=1).fillna(0).astype("int64")
    table = table.rename_axis(name)
    table["pool_%"] = (100 * table["pool"] / table["pool"].sum()).round(1)
    table["sampel_%"] = (100 * table["sampel"] / table["sampel"].sum()).round(1)
    return table[["pool", "pool_%", "sampel", "sampel_%"]]
