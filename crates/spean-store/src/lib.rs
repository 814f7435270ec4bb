//! Spean persistence: SQLite and PostgreSQL, migrations, repositories, audit chain.
