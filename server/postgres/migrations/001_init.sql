-- The SQLite schema (server/sqlite/migrations) in PostgreSQL types. Times are fixed-width UTC text
-- (2006-01-02T15:04:05.000000000Z) so both stores share their queries.
CREATE TABLE moderators (
	name         TEXT PRIMARY KEY,
	token_sha256 TEXT NOT NULL UNIQUE,
	created_at   TEXT NOT NULL,
	revoked_at   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE reviewers (
	name            TEXT PRIMARY KEY,
	password_sha256 TEXT NOT NULL,
	created_at      TEXT NOT NULL
);

CREATE TABLE reports (
	id                  TEXT PRIMARY KEY,
	moderator           TEXT NOT NULL,
	url                 TEXT NOT NULL,
	title               TEXT NOT NULL,
	client_time         TEXT NOT NULL,
	lexicon_version     BIGINT NOT NULL,
	page_sha256         TEXT NOT NULL,
	matches             TEXT NOT NULL, -- JSON array of server.Match
	verdict             TEXT NOT NULL,
	score               DOUBLE PRECISION NOT NULL,
	extension_version   TEXT NOT NULL,
	platform            TEXT NOT NULL,
	listing_id          TEXT NOT NULL,
	seller_id           TEXT NOT NULL,
	note                TEXT NOT NULL,
	received_at         TEXT NOT NULL,
	body_sha256         TEXT NOT NULL,
	screenshot_sha256   TEXT NOT NULL,
	status              TEXT NOT NULL DEFAULT 'new',
	action              TEXT NOT NULL DEFAULT '',
	status_by           TEXT NOT NULL DEFAULT '',
	status_at           TEXT NOT NULL DEFAULT '',
	evidence_deleted_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reports_by_received ON reports (received_at);
CREATE INDEX reports_by_status ON reports (status, received_at);
CREATE INDEX reports_by_url ON reports (url);
CREATE INDEX reports_by_listing ON reports (listing_id) WHERE listing_id != '';

CREATE TABLE report_terms (
	term_id   TEXT NOT NULL,
	report_id TEXT NOT NULL REFERENCES reports (id),
	PRIMARY KEY (term_id, report_id)
);

-- Screenshots live apart so the queue never reads them and retention can drop them.
CREATE TABLE screenshots (
	report_id TEXT PRIMARY KEY REFERENCES reports (id),
	png       BYTEA NOT NULL
);

CREATE TABLE lexicon_releases (
	version        BIGINT PRIMARY KEY,
	content_sha256 TEXT NOT NULL,
	sha256         TEXT NOT NULL,
	signed         BYTEA NOT NULL,
	published_at   TEXT NOT NULL
);

CREATE TABLE false_alarms (
	id              TEXT PRIMARY KEY,
	moderator       TEXT NOT NULL,
	term_id         TEXT NOT NULL,
	url             TEXT NOT NULL,
	text            TEXT NOT NULL,
	snippet         TEXT NOT NULL,
	lexicon_version BIGINT NOT NULL,
	received_at     TEXT NOT NULL,
	body_sha256     TEXT NOT NULL
);
CREATE INDEX false_alarms_by_term ON false_alarms (term_id, received_at);

CREATE TABLE audit_log (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at         TEXT NOT NULL,
	actor      TEXT NOT NULL,
	action     TEXT NOT NULL,
	report_ids TEXT NOT NULL, -- JSON array
	detail     TEXT NOT NULL
);
