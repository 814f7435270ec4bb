-- Decisions on possible duplicate person records: an officer confirmed that two
-- records describe the same person, or rejected the suggestion. Each pair is stored
-- once, its two ids in text order (person_a < person_b), so a pair cannot be decided
-- twice in opposite directions. Rejections are kept so the pair is never suggested
-- again; the latest decision on a pair replaces the earlier one.

CREATE TABLE person_links (
    person_a TEXT NOT NULL REFERENCES persons(id),
    person_b TEXT NOT NULL REFERENCES persons(id),
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected')),
    decided_by TEXT NOT NULL REFERENCES users(id),
    decided_at BIGINT NOT NULL,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
);
-- Looking up a person's decisions from either side: the primary key serves person_a.
CREATE INDEX person_links_b ON person_links(person_b);
