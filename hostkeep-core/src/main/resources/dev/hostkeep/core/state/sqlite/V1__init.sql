-- hostkeep state, schema 1 (SQLite). Times are milliseconds since the epoch, UTC.
CREATE TABLE records (
  capability TEXT NOT NULL,
  target TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (capability, target, key)
);

-- AUTOINCREMENT so ids are never reused: "newest first" means highest id first.
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  capability TEXT NOT NULL,
  mode TEXT,
  host TEXT NOT NULL,
  pid BIGINT NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  result TEXT,
  applied INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_capability ON runs (capability, id);

CREATE TABLE journal (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id BIGINT NOT NULL,
  capability TEXT NOT NULL,
  target TEXT,
  action TEXT,
  kind TEXT,
  key TEXT,
  outcome TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  message TEXT,
  at BIGINT NOT NULL
);
CREATE INDEX journal_by_capability ON journal (capability, id);

-- token identifies one acquisition, so a holder only renews or releases its own lock.
CREATE TABLE locks (
  name TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  pid BIGINT NOT NULL,
  token TEXT NOT NULL,
  acquired_at BIGINT NOT NULL,
  renewed_at BIGINT NOT NULL
);
