"""Files in and out: TOML snapshots and atomic writes. No database here."""
