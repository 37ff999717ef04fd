//! The two migration trees must describe the same history.

use std::collections::BTreeSet;
use std::path::Path;

fn entries(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("migrations folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn the_sqlite_and_postgres_migration_trees_have_the_same_migrations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let sqlite = entries(&root.join("sqlite"));
    let postgres = entries(&root.join("postgres"));
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres, "migration folders differ between engines");
    for name in &sqlite {
        for engine in ["sqlite", "postgres"] {
            let files = entries(&root.join(engine).join(name));
            assert_eq!(files, BTreeSet::from(["down.sql".to_owned(), "up.sql".to_owned()]), "{engine}/{name}");
        }
    }
    let (embedded_sqlite, embedded_postgres) = content_club::db::migration_names();
    assert_eq!(embedded_sqlite, embedded_postgres);
    assert_eq!(embedded_sqlite.len(), sqlite.len());
}

#[test]
fn both_trees_create_the_same_tables() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let tables = |engine: &str| -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        for name in entries(&root.join(engine)) {
            let sql = std::fs::read_to_string(root.join(engine).join(&name).join("up.sql")).expect("up.sql");
            for line in sql.lines() {
                let line = line.trim();
                for prefix in ["CREATE TABLE ", "CREATE INDEX ", "CREATE UNIQUE INDEX ", "ALTER TABLE "] {
                    if let Some(rest) = line.strip_prefix(prefix) {
                        found.insert(format!("{prefix}{}", rest.split_whitespace().next().unwrap_or("")));
                    }
                }
            }
        }
        found
    };
    assert_eq!(tables("sqlite"), tables("postgres"));
}
