"""The plan domain: tables, status schemes, date rules and read-only views."""
