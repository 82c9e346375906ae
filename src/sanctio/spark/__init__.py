"""Batch screening on Apache Spark (optional extra `sanctio[spark]`; pyspark imported lazily).

The index is built once on the driver and broadcast; executors score partitions with the
same `sanctio.screening.batch.screen_rows` as the local path, so both give identical hits.
Entry points: `screen_dataframe` (library), `sanctio batch --engine spark` and
`spark-submit .../sanctio/spark/submit.py` (see docs/batch.md).
"""
