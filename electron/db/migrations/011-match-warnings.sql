-- Warnings of matching against the feeds (e.g. "no vulnerability data for deb:debian:12") are replaced when stored
-- scans are re-matched after a feed import; inventory warnings stay. NULL: a scan stored before this split, whose
-- warnings_json holds both.
ALTER TABLE scans ADD COLUMN match_warnings_json TEXT;
