-- A report's category (server.Categories; '' = not classified) and when its filing moderator
-- last changed the note or category after filing ('' = never).
ALTER TABLE reports ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN annotated_at TEXT NOT NULL DEFAULT '';
CREATE INDEX reports_by_category ON reports (category, received_at) WHERE category != '';

-- Extensions before this version sent the category inside the note as "[rhino horn] text".
UPDATE reports SET category = 'ivory', note = substr(note, 9) WHERE note LIKE '[ivory] %';
UPDATE reports SET category = 'rhino_horn', note = substr(note, 14) WHERE note LIKE '[rhino horn] %';
UPDATE reports SET category = 'pangolin', note = substr(note, 12) WHERE note LIKE '[pangolin] %';
UPDATE reports SET category = 'big_cat', note = substr(note, 11) WHERE note LIKE '[big cat] %';
UPDATE reports SET category = 'reptile', note = substr(note, 11) WHERE note LIKE '[reptile] %';
UPDATE reports SET category = 'bird', note = substr(note, 8) WHERE note LIKE '[bird] %';
UPDATE reports SET category = 'marine', note = substr(note, 10) WHERE note LIKE '[marine] %';
UPDATE reports SET category = 'other', note = substr(note, 9) WHERE note LIKE '[other] %';
