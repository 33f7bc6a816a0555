"""The monitoring store: one SQLite table of request features (stdlib sqlite3, WAL), rotated by row count and age.

A row holds the time, the endpoint, the model version, the upload's format, the size class and aspect bucket, the
statistics (JSON), the histogram and the embedding (float32 blobs), and a keyed fingerprint of the decoded pixels
(monitoring.fingerprint: HMAC-SHA256, so identical uploads count once in a drift window). Nothing identifying: no
file names, no header values, no pixels. The fingerprint key is $XRAYMATCH_MONITORING_KEY, else a random key made
once per store and kept in its `meta` table (never in rotated files, never logged).

Stores written before fingerprints existed get the column on open (NULL for their rows: each counts as distinct);
read-only readers treat a store without the column the same way.

Rotation (checked on open and every `rotate_every` inserts): rows older than `max_age_days`, and the oldest rows
beyond `max_rows`, move to `<store>.rotated-<UTC time>.sqlite` beside it (same schema), and only the newest
`keep_rotated` rotated files are kept; with keep_rotated = 0 the rows are deleted instead.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from xraymatch.errors import InputError
from xraymatch.monitoring.config import StoreConfig
from xraymatch.monitoring.features import HIST_BINS, STAT_NAMES, FeatureTable, ImageFeatures
from xraymatch.monitoring.fingerprint import env_key, latest_distinct, new_key

SCHEMA = """
CREATE TABLE IF NOT EXISTS features (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    endpoint TEXT NOT NULL,
    model_version TEXT NOT NULL,
    source_format TEXT NOT NULL,
    size_class TEXT NOT NULL,
    aspect_bucket TEXT NOT NULL,
    stats TEXT NOT NULL,
    histogram BLOB NOT NULL,
    embedding BLOB NOT NULL,
    fingerprint TEXT
);
CREATE INDEX IF NOT EXISTS features_ts ON features (ts);
"""
META_SCHEMA = "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL)"
KEY_NAME = "fingerprint_key"
COLUMNS = (
    "ts, endpoint, model_version, source_format, size_class, aspect_bucket, stats, histogram, embedding, fingerprint"
)
PLACEHOLDERS = ", ".join("?" * len(COLUMNS.split(", ")))


@dataclass(frozen=True)
class StoreWindow:
    """A window of stored requests with identical uploads counted once: `table` holds the latest row of each
    fingerprint (oldest first), `n_requests` the rows read before de-duplication."""

    table: FeatureTable
    n_requests: int

    @property
    def n_distinct(self) -> int:
        return len(self.table)


class MonitoringStore:
    """Append request features; read the latest window; rotate old rows. Safe to share between threads."""

    def __init__(self, config: StoreConfig) -> None:
        self.config = config
        self.path = Path(config.path)
        self._lock = threading.Lock()
        self._inserts = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30.0)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(SCHEMA)
        self._conn.execute(META_SCHEMA)
        if "fingerprint" not in table_columns(self._conn):  # a store of before fingerprints: migrate in place
            self._conn.execute("ALTER TABLE features ADD COLUMN fingerprint TEXT")
        self._conn.commit()
        self._key: bytes | None = None
        self.rotate()

    @property
    def key(self) -> bytes:
        """The fingerprint key: $XRAYMATCH_MONITORING_KEY, else this store's random key (made on first use; several
        processes sharing the store agree on the first one written)."""
        if self._key is None:
            found = env_key()
            if found is None:
                with self._lock:
                    self._conn.execute("INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)", (KEY_NAME, new_key()))
                    self._conn.commit()
                    row = self._conn.execute("SELECT value FROM meta WHERE name = ?", (KEY_NAME,)).fetchone()
                    found = bytes(row[0])
            self._key = found
        return self._key

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> MonitoringStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(
        self,
        features: ImageFeatures,
        embedding: np.ndarray,
        *,
        endpoint: str,
        model_version: str,
        timestamp: float | None = None,
        fingerprint: str | None = None,
    ) -> None:
        """Store one request's features (one row); `fingerprint` is monitoring.fingerprint.fingerprint(pixels,
        self.key) of the decoded upload (None: counted as distinct)."""
        row = (
            float(time.time() if timestamp is None else timestamp),
            endpoint,
            model_version,
            features.source_format,
            features.size_class,
            features.aspect_bucket,
            json.dumps(features.stats_dict()),
            np.asarray(features.histogram, dtype=np.float32).tobytes(),
            np.asarray(embedding, dtype=np.float32).reshape(-1).tobytes(),
            fingerprint,
        )
        with self._lock:
            self._conn.execute(f"INSERT INTO features ({COLUMNS}) VALUES ({PLACEHOLDERS})", row)
            self._conn.commit()
            self._inserts += 1
            due = self._inserts % max(self.config.rotate_every, 1) == 0
        if due:
            self.rotate()

    def count(self, model_version: str | None = None) -> int:
        with self._lock:
            if model_version is None:
                return int(self._conn.execute("SELECT COUNT(*) FROM features").fetchone()[0])
            query = "SELECT COUNT(*) FROM features WHERE model_version = ?"
            return int(self._conn.execute(query, (model_version,)).fetchone()[0])

    def model_versions(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._conn.execute("SELECT DISTINCT model_version FROM features")]

    def window(self, size: int, model_version: str | None = None, since: float | None = None) -> FeatureTable:
        """The latest `size` rows (optionally of one model version, newer than `since`), oldest first."""
        return rows_to_table(self._rows(size, model_version, since))

    def distinct_window(self, size: int, model_version: str | None = None, since: float | None = None) -> StoreWindow:
        """The latest `size` rows as window() reads them, identical uploads counted once (the latest of each)."""
        return dedupe_rows(self._rows(size, model_version, since))

    def _rows(self, size: int, model_version: str | None, since: float | None) -> list[tuple[object, ...]]:
        where: list[str] = []
        args: list[object] = []
        if model_version is not None:
            where.append("model_version = ?")
            args.append(model_version)
        if since is not None:
            where.append("ts >= ?")
            args.append(since)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        query = f"SELECT {COLUMNS} FROM features {clause} ORDER BY id DESC LIMIT ?"
        with self._lock:
            rows = self._conn.execute(query, (*args, int(size))).fetchall()
        return rows[::-1]

    def rotate(self, now: float | None = None) -> int:
        """Move (or delete) rows past the age or count limit; returns how many rows left the table."""
        now = time.time() if now is None else now
        cutoff = now - self.config.max_age_days * 86400.0
        with self._lock:
            total = int(self._conn.execute("SELECT COUNT(*) FROM features").fetchone()[0])
            excess = max(0, total - self.config.max_rows)
            row = self._conn.execute("SELECT id FROM features ORDER BY id LIMIT 1 OFFSET ?", (excess,)).fetchone()
            keep_from = int(row[0]) if row and excess else 0
            condition = "ts < ? OR id < ?"
            args = (cutoff, keep_from)
            moved = int(self._conn.execute(f"SELECT COUNT(*) FROM features WHERE {condition}", args).fetchone()[0])
            if not moved:
                return 0
            if self.config.keep_rotated > 0:
                self._move_rows(condition, args, now)
            self._conn.execute(f"DELETE FROM features WHERE {condition}", args)
            self._conn.commit()
        return moved

    def _move_rows(self, condition: str, args: tuple[float, int], now: float) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
        target = self.path.with_name(f"{self.path.stem}.rotated-{stamp}-{int(now * 1000) % 1000:03d}.sqlite")
        partial = target.with_name(f".{target.name}.tmp")
        partial.unlink(missing_ok=True)
        out = sqlite3.connect(partial)
        try:
            out.executescript(SCHEMA)
            rows = self._conn.execute(f"SELECT {COLUMNS} FROM features WHERE {condition} ORDER BY id", args)
            out.executemany(f"INSERT INTO features ({COLUMNS}) VALUES ({PLACEHOLDERS})", rows)
            out.commit()
        finally:
            out.close()
        partial.replace(target)
        rotated = sorted(self.path.parent.glob(f"{self.path.stem}.rotated-*.sqlite"))
        for old in rotated[: max(0, len(rotated) - self.config.keep_rotated)]:
            old.unlink(missing_ok=True)


def table_columns(conn: sqlite3.Connection) -> set[str]:
    """The column names of the features table."""
    return {str(row[1]) for row in conn.execute("PRAGMA table_info(features)")}


def dedupe_rows(rows: Sequence[tuple[object, ...]]) -> StoreWindow:
    """Store rows (COLUMNS order, oldest first) with identical uploads counted once: the latest row of each
    fingerprint is kept (rows without a fingerprint are all kept)."""
    keep = latest_distinct([None if row[-1] is None else str(row[-1]) for row in rows])
    return StoreWindow(rows_to_table([rows[i] for i in keep]), len(rows))


def rows_to_table(rows: Sequence[tuple[object, ...]]) -> FeatureTable:
    """Store rows (in COLUMNS order) to a FeatureTable."""
    stats, hists, embs, sizes, aspects, formats = [], [], [], [], [], []
    for _ts, _endpoint, _version, fmt, size, aspect, stats_json, hist, emb, _fingerprint in rows:
        values = json.loads(str(stats_json))
        stats.append([float(values.get(name, np.nan)) for name in STAT_NAMES])
        hists.append(np.frombuffer(bytes(hist), dtype=np.float32))  # type: ignore[call-overload]
        embs.append(np.frombuffer(bytes(emb), dtype=np.float32))  # type: ignore[call-overload]
        sizes.append(str(size))
        aspects.append(str(aspect))
        formats.append(str(fmt))
    if len({len(e) for e in embs}) > 1:
        raise InputError("monitoring store: rows of several embedding sizes in one window; filter by model version")
    return FeatureTable(
        stats=np.asarray(stats, dtype=np.float64).reshape(-1, len(STAT_NAMES)),
        histograms=np.asarray(hists, dtype=np.float64).reshape(-1, HIST_BINS),
        embeddings=np.asarray(embs, dtype=np.float32).reshape(len(embs), -1),
        size_classes=tuple(sizes),
        aspect_buckets=tuple(aspects),
        source_formats=tuple(formats),
    )


def open_store_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection (the drift CLI must not create a store by mistake)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no monitoring store; serve some requests first (`make serve`) or pass a folder")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def read_store_window(path: str | Path, size: int, model_version: str | None = None) -> FeatureTable:
    """The latest `size` rows of a store file (of one model version when given), oldest first, read-only."""
    return rows_to_table(read_store_rows(path, size, model_version))


def read_distinct_window(path: str | Path, size: int, model_version: str | None = None) -> StoreWindow:
    """read_store_window's rows with identical uploads counted once (the latest of each)."""
    return dedupe_rows(read_store_rows(path, size, model_version))


def read_store_rows(path: str | Path, size: int, model_version: str | None = None) -> list[tuple[object, ...]]:
    """The latest `size` rows (COLUMNS order, oldest first) of a store file, read-only; a store of before
    fingerprints reads with fingerprint NULL."""
    conn = open_store_readonly(path)
    try:
        try:
            columns = COLUMNS if "fingerprint" in table_columns(conn) else COLUMNS.replace("fingerprint", "NULL")
            if model_version is None:
                query, args = f"SELECT {columns} FROM features ORDER BY id DESC LIMIT ?", (int(size),)
            else:
                query = f"SELECT {columns} FROM features WHERE model_version = ? ORDER BY id DESC LIMIT ?"
                args = (model_version, int(size))  # type: ignore[assignment]
            rows = conn.execute(query, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"{path}: not a monitoring store ({exc.__class__.__name__}); pass the store file"
            ) from None
    finally:
        conn.close()
    return rows[::-1]
