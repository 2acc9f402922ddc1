"""SQLite (the ledger's store) against DuckDB for what analysts do with a ledger: load many
events and query them by province with their places joined. Not a test; it prints figures.

Run: ``pip install duckdb`` then
``python benchmarks/bench_ledger_store.py --ledger ledger.sqlite [--scale 2000]``. The events and
places of a ledger built by ``zhinvest ledger build`` are repeated ``--scale`` times (event ids
made unique) into a fresh SQLite file and a fresh DuckDB file; the script times the bulk load,
a query by province (events joined with their place's province) and an aggregate per city.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

QUERY = """
SELECT e.event, e.company_key, e.amount, p.province, p.city, p.county
FROM events e JOIN places p ON p.code = e.place_code
WHERE p.province = ? ORDER BY e.amount DESC
"""
AGGREGATE = """
SELECT p.city, count(*) AS n, sum(e.amount) AS total
FROM events e JOIN places p ON p.code = e.place_code
WHERE e.type = 'INVESTMENT' GROUP BY p.city ORDER BY total DESC
"""


def rows(ledger: Path, scale: int) -> tuple[list[tuple], list[tuple], list[str]]:
    con = sqlite3.connect(ledger)
    columns = [r[1] for r in con.execute("pragma table_info(events)")]
    events = con.execute("select * from events").fetchall()
    places = con.execute("select code, name, level, parent, province_code, city_code, province, city, county from places").fetchall()
    con.close()
    scaled = [(f"{row[0]}-{copy}", *row[1:]) for copy in range(scale) for row in events]
    return scaled, places, columns


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ledger", type=Path, required=True)
    parser.add_argument("--scale", type=int, default=2000)
    parser.add_argument("--province", default="河北省")
    args = parser.parse_args()
    events, places, columns = rows(args.ledger, args.scale)
    marks = ",".join("?" * len(columns))
    print(f"{len(events):,} events, {len(places):,} places")
    with tempfile.TemporaryDirectory() as folder:
        lite = sqlite3.connect(Path(folder) / "l.sqlite")
        lite.execute(f"create table events ({', '.join(columns)})")
        lite.execute("create table places (code, name, level, parent, province_code, city_code, province, city, county)")

        def load_sqlite() -> None:
            lite.executemany(f"insert into events values ({marks})", events)
            lite.executemany("insert into places values (?,?,?,?,?,?,?,?,?)", places)
            lite.execute("create index ev_place on events(place_code)")
            lite.commit()

        results = {"sqlite": [timed(load_sqlite)]}
        results["sqlite"].append(timed(lambda: lite.execute(QUERY, (args.province,)).fetchall()))
        results["sqlite"].append(timed(lambda: lite.execute(AGGREGATE).fetchall()))
        try:
            import duckdb
        except ImportError:
            print("duckdb not installed: pip install duckdb")
            duck = None
        else:
            duck = duckdb.connect(str(Path(folder) / "l.duckdb"))
            kinds = {name: ("DOUBLE" if name in ("amount",) else "BIGINT" if name in ("count", "reports", "documents") else "VARCHAR") for name in columns}
            duck.execute(f"create table events ({', '.join(f'{c} {kinds[c]}' for c in columns)})")
            duck.execute("create table places (code VARCHAR, name VARCHAR, level VARCHAR, parent VARCHAR, province_code VARCHAR, city_code VARCHAR, province VARCHAR, city VARCHAR, county VARCHAR)")

            def load_duckdb() -> None:
                import pandas as pd

                frame = pd.DataFrame(events, columns=columns)
                frame["amount"] = pd.to_numeric(frame["amount"], errors="coerce")
                duck.register("frame", frame)
                duck.execute("insert into events select * from frame")
                duck.register("places_frame", pd.DataFrame(places, columns=["code", "name", "level", "parent", "province_code", "city_code", "province", "city", "county"]))
                duck.execute("insert into places select * from places_frame")

            results["duckdb"] = [timed(load_duckdb)]
            results["duckdb"].append(timed(lambda: duck.execute(QUERY, [args.province]).fetchall()))
            results["duckdb"].append(timed(lambda: duck.execute(AGGREGATE).fetchall()))
    print(f"{'store':<8} {'load s':>8} {'by province s':>14} {'per city s':>11}")
    for store, (load, query, aggregate) in results.items():
        print(f"{store:<8} {load:>8.2f} {query:>14.3f} {aggregate:>11.3f}")


if __name__ == "__main__":
    main()
