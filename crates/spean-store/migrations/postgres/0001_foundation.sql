-- Foundation: agencies, accounts, sessions, persons, cases and the audit chain.
-- Integers are BIGINT (64-bit in SQLite); times are Unix milliseconds; ids are UUID text.

CREATE TABLE agencies (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    next_case_number BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    disabled BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    user_id TEXT NOT NULL REFERENCES users(id),
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, agency_id, role)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    second_factor_done BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE login_failures (
    username TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_username_at ON login_failures(username, at);

CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    owning_agency TEXT NOT NULL REFERENCES agencies(id),
    full_name TEXT NOT NULL,
    latin_name TEXT,
    gender TEXT,
    birth_date TEXT,
    nationality TEXT,
    notes TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX persons_listing ON persons(created_at, id);

CREATE TABLE person_identifiers (
    person_id TEXT NOT NULL REFERENCES persons(id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (person_id, kind, value)
);
CREATE INDEX person_identifiers_value ON person_identifiers(kind, value);

CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    owning_agency TEXT NOT NULL REFERENCES agencies(id),
    title TEXT NOT NULL,
    exploitation_type TEXT NOT NULL,
    stage TEXT NOT NULL,
    summary TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_listing ON cases(created_at, id);
CREATE INDEX cases_owner_listing ON cases(owning_agency, created_at, id);

CREATE TABLE case_shares (
    case_id TEXT NOT NULL REFERENCES cases(id),
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    PRIMARY KEY (case_id, agency_id)
);
CREATE INDEX case_shares_agency ON case_shares(agency_id, case_id);

CREATE TABLE case_persons (
    case_id TEXT NOT NULL REFERENCES cases(id),
    person_id TEXT NOT NULL REFERENCES persons(id),
    role TEXT NOT NULL,
    PRIMARY KEY (case_id, person_id, role)
);
CREATE INDEX case_persons_person ON case_persons(person_id, role);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    action TEXT NOT NULL,
    entity_type TEXT,
    entity_id TEXT,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
CREATE INDEX audit_log_action ON audit_log(action, seq);

-- The head of the chain: one row, updated with every append. Appending starts by
-- updating it, which serialises writers of the chain on both backends.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
