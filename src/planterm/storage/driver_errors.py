"""The one line a user gets for a database driver's failure they can act on."""

from planterm.errors import StoreError


def store_error(text: str, *, where: str) -> StoreError | None:
    """The user-facing error for a driver's message, or None when it is a bug."""
    text = text.lower()
    if any(
        words in text
        for words in ("connection failed", "could not connect", "failed to resolve host")
    ):
        if "does not exist" in text:
            return StoreError(
                "the database server has no such database or role",
                where=where,
                hint="create it first (createdb NAME, createuser NAME), or check the URL",
            )
        if "password" in text:
            return StoreError(
                "the database server refused the login",
                where=where,
                hint="check the user and password in the URL (or ~/.pgpass)",
            )
        return StoreError(
            "cannot connect to the database server",
            where=where,
            hint="check the host and port in the URL, and that the server is running",
        )
    if "file is not a database" in text or "not a database" in text:
        return StoreError(
            "this file is not a planterm database",
            where=where,
            hint="give another file with --db, or move this one away",
        )
    if "read-only transaction" in text:  # PostgreSQL, under --read-only
        return read_only_error(where)
    if "readonly database" in text or "read-only" in text:
        return StoreError(
            "the database file is read-only",
            where=where,
            hint="check its permissions, or copy it somewhere you can write",
        )
    if "unable to open database" in text:
        return StoreError(
            "the database file cannot be opened",
            where=where,
            hint="check that its folder exists and that you may write there",
        )
    if "database is locked" in text or "database is busy" in text:
        return StoreError(
            "the database is busy with another planterm",
            where=where,
            hint="try again in a moment",
        )
    return None


def read_only_error(where: str) -> StoreError:
    """The refusal of a change under --read-only."""
    return StoreError(
        "the database is open read-only", where=where, hint="run without --read-only to change it"
    )
