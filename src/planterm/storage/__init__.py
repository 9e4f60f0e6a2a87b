"""The database: engines, transactions, migrations and read queries."""
