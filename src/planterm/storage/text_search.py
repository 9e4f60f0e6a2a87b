"""PostgreSQL's text search, as planterm uses it: one expression for the index and the query.

The GIN indexes of revision 0007 hold `ts_vector(column)`; a search is
`ts_vector(column) @@ to_tsquery(TS_CONFIG, :q)` with the same expression,
so PostgreSQL uses the index. The `simple` configuration lowercases and
splits words but does not stem or drop stop words, as SQLite's unicode61
tokenizer does not; unlike SQLite, it keeps accents ("café" is not "cafe").
"""

TS_CONFIG = "'simple'::regconfig"


def ts_vector(column: str) -> str:
    """The indexed text-search vector of `column`."""
    return f"to_tsvector({TS_CONFIG}, coalesce({column}, ''))"


def prefix_query(terms: list[str]) -> str:
    """A to_tsquery text matching every term as a prefix ("commission" finds "commissioning").

    The terms are runs of word characters (`queries.search_terms`), which hold
    none of to_tsquery's operators or quotes.
    """
    return " & ".join(f"{term}:*" for term in terms)
