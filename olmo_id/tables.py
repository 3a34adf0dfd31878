"""Small tables the lessons show: how a sample's categories compare with the pool it was drawn from."""

from __future__ import annotations

import pandas as pd


def share_table(pool: pd.Series, sample: pd.Series, name: str, drawn: str = "sampel") -> pd.DataFrame:
    """Counts per category in a pool and in a sample drawn from it (its columns called `drawn`), with percentages."""
    table = pd.concat([pool.rename("pool"), sample.rename(drawn)], axis=1).fillna(0).astype("int64")
    table = table.rename_axis(name)
    table["pool_%"] = (100 * table["pool"] / table["pool"].sum()).round(1)
    table[f"{drawn}_%"] = (100 * table[drawn] / table[drawn].sum()).round(1)
    return table[["pool", "pool_%", drawn, f"{drawn}_%"]]
