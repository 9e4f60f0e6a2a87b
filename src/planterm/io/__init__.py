"""Files in and out: TOML snapshots, tables, reports, and the files users name. No database here."""
