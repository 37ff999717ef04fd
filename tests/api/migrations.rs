//! The two migration trees must build the same schema. Each engine's migrated database is
//! introspected (tables, columns, types, nullability, indexes) into one canonical text, which must
//! equal `tests/api/schema.txt`; on a run with PostgreSQL, a fresh SQLite database is migrated
//! beside it and the two are compared directly as well. Set `CONTENT_CLUB_WRITE_SCHEMA=1` to
//! rewrite the file after a deliberate change to the schema. The search index (`search_*`: FTS5
//! tables on SQLite, a tsvector table on PostgreSQL) is each engine's own and is left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use content_club::db::{AnyConnection, Db};
use diesel::sql_types::{Integer, Text};
use diesel::{QueryableByName, RunQueryDsl};

use crate::helpers::{test_settings, using_postgres};

/// table → (column lines, index lines)
type Schema = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    #[diesel(column_name = type_)]
    kind: String,
    #[diesel(sql_type = Integer)]
    notnull: i32,
    #[diesel(sql_type = Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct SqliteIndex {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Integer)]
    unique: i32,
    #[diesel(sql_type = Text)]
    origin: String,
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    is_nullable: String,
}

#[derive(QueryableByName)]
struct PgIndex {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    columns: String,
    #[diesel(sql_type = Integer)]
    is_unique: i32,
}

/// One type vocabulary for both engines, as diesel maps them.
fn canonical_type(declared: &str, primary_key: bool) -> String {
    let declared = declared.to_ascii_lowercase();
    match declared.as_str() {
        // SQLite's rowid alias must be declared INTEGER; it holds 64 bits, like BIGSERIAL.
        "integer" if primary_key => "bigint".into(),
        "integer" => "integer".into(),
        "bigint" => "bigint".into(),
        "text" => "text".into(),
        "boolean" => "boolean".into(),
        "timestamp" | "timestamp without time zone" => "timestamp".into(),
        "double" | "double precision" | "real" => "double".into(),
        "blob" | "bytea" => "binary".into(),
        other => format!("unknown:{other}"),
    }
}

fn sqlite_schema(conn: &mut AnyConnection) -> Schema {
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '__diesel_schema_migrations' AND name NOT LIKE 'search\\_%' ESCAPE '\\' ORDER BY name",
    )
    .load(conn)
    .expect("tables");
    let mut schema = Schema::new();
    for Name { name: table } in tables {
        let columns: Vec<SqliteColumn> =
            diesel::sql_query(format!("SELECT name, type AS type_, \"notnull\", pk FROM pragma_table_info('{table}')"))
                .load(conn)
                .expect("columns");
        let single_pk = columns.iter().filter(|c| c.pk > 0).count() == 1;
        let column_lines = columns
            .iter()
            .map(|c| {
                let type_name = canonical_type(&c.kind, c.pk > 0 && single_pk);
                let null = if c.notnull == 1 || c.pk > 0 { "not null" } else { "null" };
                format!("{} {type_name} {null}", c.name)
            })
            .collect();
        let indexes: Vec<SqliteIndex> =
            diesel::sql_query(format!("SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
                .load(conn)
                .expect("indexes");
        let mut index_lines = BTreeSet::new();
        for index in indexes.iter().filter(|i| i.origin != "pk") {
            let cols: Vec<Name> =
                diesel::sql_query(format!("SELECT name FROM pragma_index_info('{}') ORDER BY seqno", index.name))
                    .load(conn)
                    .expect("index columns");
            let cols: Vec<String> = cols.into_iter().map(|c| c.name).collect();
            index_lines.insert(format!("{}({})", if index.unique == 1 { "unique " } else { "" }, cols.join(", ")));
        }
        schema.insert(table, (column_lines, index_lines));
    }
    schema
}

fn pg_schema(conn: &mut AnyConnection) -> Schema {
    let columns: Vec<PgColumn> = diesel::sql_query(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = 'public' \
         AND table_name <> '__diesel_schema_migrations' AND table_name NOT LIKE 'search\\_%'",
    )
    .load(conn)
    .expect("columns");
    let mut schema = Schema::new();
    for c in columns {
        let null = if c.is_nullable == "YES" { "null" } else { "not null" };
        let line = format!("{} {} {null}", c.column_name, canonical_type(&c.data_type, false));
        schema.entry(c.table_name).or_default().0.insert(line);
    }
    let indexes: Vec<PgIndex> = diesel::sql_query(
        "SELECT t.relname::text AS table_name, \
                (SELECT string_agg(a.attname, ', ' ORDER BY k.n) \
                   FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) \
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum)::text AS columns, \
                (CASE WHEN i.indisunique THEN 1 ELSE 0 END)::int4 AS is_unique \
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace \
         WHERE ns.nspname = 'public' AND NOT i.indisprimary AND t.relname <> '__diesel_schema_migrations' \
         AND t.relname NOT LIKE 'search\\_%'",
    )
    .load(conn)
    .expect("indexes");
    for index in indexes {
        let line = format!("{}({})", if index.is_unique == 1 { "unique " } else { "" }, index.columns);
        schema.entry(index.table_name).or_default().1.insert(line);
    }
    schema
}

fn text(schema: &Schema) -> String {
    let mut out = String::new();
    for (table, (columns, indexes)) in schema {
        out.push_str(&format!("table {table}\n"));
        for line in columns {
            out.push_str(&format!("  column {line}\n"));
        }
        for line in indexes {
            out.push_str(&format!("  index {line}\n"));
        }
    }
    out
}

/// A fresh database of this run's engine (or SQLite), migrated.
fn migrated(sqlite: bool) -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut settings = test_settings(&dir);
    if sqlite {
        settings.database.url = format!("sqlite://{}", dir.path().join("parity.db").display());
    }
    let db = Db::connect(&settings.database).expect("connect");
    db.migrate().expect("migrate");
    (dir, db)
}

fn introspect(db: &Db) -> Schema {
    let mut conn = db.get().expect("connection");
    match &mut *conn {
        conn @ AnyConnection::Sqlite(_) => sqlite_schema(conn),
        conn @ AnyConnection::Pg(_) => pg_schema(conn),
    }
}

#[test]
fn both_engines_build_the_schema_described_in_schema_txt() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/schema.txt");
    let (_dir, db) = migrated(!using_postgres());
    let engine = text(&introspect(&db));
    assert!(engine.contains("table submissions") && engine.contains("index unique (topic_id, url)"), "{engine}");
    if std::env::var("CONTENT_CLUB_WRITE_SCHEMA").is_ok_and(|v| v == "1") {
        std::fs::write(&golden, &engine).expect("write schema.txt");
    }
    let expected = std::fs::read_to_string(&golden).expect("tests/api/schema.txt");
    assert_eq!(engine, expected, "this engine's migrated schema differs from tests/api/schema.txt");
    if using_postgres() {
        let (_sqlite_dir, sqlite) = migrated(true);
        assert_eq!(text(&introspect(&sqlite)), engine, "SQLite and PostgreSQL build different schemas");
    }
}

#[test]
fn the_sqlite_and_postgres_migration_trees_have_the_same_migrations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let entries = |dir: &Path| -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect()
    };
    let sqlite = entries(&root.join("sqlite"));
    assert_eq!(sqlite, entries(&root.join("postgres")), "migration folders differ between engines");
    let (embedded_sqlite, embedded_postgres) = content_club::db::migration_names();
    assert_eq!(embedded_sqlite, embedded_postgres);
    assert_eq!(embedded_sqlite.len(), sqlite.len());
}
