//! The binary as an operator meets it.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::fresh_database_url;

const BIN: &str = env!("CARGO_BIN_EXE_content-club");

fn command(dir: &tempfile::TempDir, database_url: &str) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("CONTENT_CLUB__DATABASE__URL", database_url)
        .env("CONTENT_CLUB__SERVER__DATA_DIR", dir.path().join("data"))
        .env("CONTENT_CLUB__LOG__LEVEL", "warn");
    cmd
}

fn assert_one_line_error(output: &std::process::Output, key: &str) {
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(key), "names {key}: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
}

#[test]
fn an_unknown_database_scheme_stops_start_up_with_one_line_naming_the_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = command(&dir, "mysql://localhost/club").arg("serve").output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert_one_line_error(&output, "database.url");
}

#[test]
fn an_unreachable_database_stops_start_up_with_one_line_naming_the_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output =
        command(&dir, "postgres://nobody@127.0.0.1:9/none?connect_timeout=2").arg("serve").output().expect("runs");
    assert_one_line_error(&output, "database.url");
}

#[test]
fn bad_values_stop_start_up_with_the_key_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, value, key) in [
        ("CONTENT_CLUB__CLUB__TIMEZONE", "Mars/Olympus_Mons", "club.timezone"),
        ("CONTENT_CLUB__SERVER__BIND", "not-an-address", "server.bind"),
        ("CONTENT_CLUB__DATABASE__POOL_SIZE", "lots", "database.pool_size"),
    ] {
        let output = command(&dir, "sqlite://data/x.db").env(name, value).arg("serve").output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert_one_line_error(&output, key);
    }
}

#[test]
fn a_missing_config_file_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output =
        command(&dir, "sqlite://data/x.db").args(["--config", "nowhere.toml", "migrate"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert_one_line_error(&output, "nowhere.toml");
}

#[test]
fn organisers_are_added_listed_and_given_tokens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = fresh_database_url(&dir);
    let mut child = command(&dir, &url)
        .args(["organiser", "add", "--email", "ada@example.org", "--name", "Ada", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(b"correct horse battery\n").expect("write");
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    // The same email again is refused with a message.
    let mut child = command(&dir, &url)
        .args(["organiser", "add", "--email", "ADA@example.org", "--name", "Ada", "--password-stdin"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(b"correct horse battery\n").expect("write");
    let output = child.wait_with_output().expect("wait");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("exists already"));

    // A short password is refused, naming the rule.
    let mut child = command(&dir, &url)
        .args(["organiser", "add", "--email", "bob@example.org", "--name", "Bob", "--password-stdin"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(b"short\n").expect("write");
    let output = child.wait_with_output().expect("wait");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("at least 10 characters"));

    let output = command(&dir, &url).args(["organiser", "list"]).output().expect("list");
    let listing = String::from_utf8_lossy(&output.stdout);
    assert!(listing.contains("ada@example.org") && !listing.contains("bob@"), "{listing}");

    let output = command(&dir, &url)
        .args(["organiser", "token", "--email", "ada@example.org", "--label", "ci"])
        .output()
        .expect("token");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 1, "only the token on stdout: {stdout}");
    assert!(stdout.trim().starts_with("cc_"));

    let output =
        command(&dir, &url).args(["organiser", "token", "--email", "nobody@example.org"]).output().expect("token");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no organiser"));

    let output = command(&dir, &url).args(["organiser", "revoke-token", "--id", "1"]).output().expect("revoke");
    assert!(output.status.success());
    let output =
        command(&dir, &url).args(["organiser", "tokens", "--email", "ada@example.org"]).output().expect("tokens");
    assert!(String::from_utf8_lossy(&output.stdout).contains("revoked"));
}

#[test]
fn help_is_available_for_every_command() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["organiser", "--help"],
        vec!["organiser", "add", "--help"],
        vec!["organiser", "token", "--help"],
        vec!["organiser", "list", "--help"],
        vec!["entry", "import", "--help"],
        vec!["roundup", "export", "--help"],
        vec!["search", "compact", "--help"],
    ] {
        let output = Command::new(BIN).args(&args).output().expect("runs");
        assert!(output.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("Usage"), "{args:?}");
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn wait_ready(port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::Read;
            let _ = stream.write_all(b"GET /readyz HTTP/1.0\r\n\r\n");
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200") {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn two_instances_started_together_on_an_empty_database_both_come_up_and_migrate_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = fresh_database_url(&dir);
    let ports = [free_port(), free_port()];
    let mut children: Vec<_> = ports
        .iter()
        .map(|port| {
            command(&dir, &url)
                .env("CONTENT_CLUB__SERVER__BIND", format!("127.0.0.1:{port}"))
                .env("CONTENT_CLUB__SERVER__WORKERS", "1")
                .arg("serve")
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn serve")
        })
        .collect();
    let ready: Vec<bool> = ports.iter().map(|p| wait_ready(*p)).collect();
    for child in &mut children {
        let _ = child.kill();
    }
    let outputs: Vec<String> = children
        .into_iter()
        .map(|c| String::from_utf8_lossy(&c.wait_with_output().expect("wait").stderr).into_owned())
        .collect();
    assert_eq!(ready, vec![true, true], "both answer /readyz; logs: {outputs:?}");

    let settings = content_club::config::DatabaseSettings {
        url: url.clone(),
        pool_size: 1,
        connect_timeout_seconds: 5,
        busy_timeout_ms: 5000,
        sqlite_mmap_mib: 0,
        write_queue: 64,
    };
    let db = content_club::db::Db::connect(&settings).expect("connect");
    let mut conn = db.get().expect("conn");
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    use diesel::RunQueryDsl;
    let applied = diesel::sql_query("SELECT COUNT(*) AS n FROM __diesel_schema_migrations")
        .get_result::<Count>(&mut *conn)
        .expect("count")
        .n;
    let (sqlite, _) = content_club::db::migration_names();
    assert_eq!(applied as usize, sqlite.len());
}

#[test]
fn logs_can_be_json_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = fresh_database_url(&dir);
    let port = free_port();
    let mut child = command(&dir, &url)
        .env("CONTENT_CLUB__SERVER__BIND", format!("127.0.0.1:{port}"))
        .env("CONTENT_CLUB__LOG__FORMAT", "json")
        .env("CONTENT_CLUB__LOG__LEVEL", "info")
        .arg("serve")
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let ready = wait_ready(port);
    let _ = child.kill();
    let output = child.wait_with_output().expect("wait");
    assert!(ready);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.iter().any(|l| l.contains("\"serving\"")), "{stderr}");
    for line in lines {
        let value: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(value["level"].is_string() && value["timestamp"].is_string(), "{line}");
    }
}

#[test]
fn organisers_import_a_list_and_export_the_roundup_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = fresh_database_url(&dir);
    let run = |args: &[&str]| command(&dir, &url).args(args).output().expect("runs");
    let added =
        run(&["topic", "add", "--month", "2025-02", "--title", "Team Topologies", "--slug", "teams", "--announce"]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let list = dir.path().join("list.md");
    std::fs::write(&list, "- Ada - Notes - worth it https://example.org/a\n- Ben - https://example.org/b\nno link\n")
        .expect("write");
    let list = list.to_string_lossy().into_owned();

    let dry = run(&["entry", "import", "--topic", "teams", "--from", &list, "--dry-run"]);
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stderr).contains("2 would be added, 0 duplicate(s), 1 invalid line(s)"));
    let real = run(&["entry", "import", "--topic", "teams", "--from", &list]);
    let out = String::from_utf8_lossy(&real.stdout).into_owned();
    assert!(
        out.contains("created") && out.contains("Notes — https://example.org/a") && out.contains("no link"),
        "{out}"
    );
    let again = run(&["entry", "import", "--topic", "teams", "--from", &list]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 added, 2 duplicate(s)"));

    let one = run(&[
        "entry",
        "add",
        "--topic",
        "teams",
        "--url",
        "https://example.org/c",
        "--title",
        "Third",
        "--note",
        "Short :+1:",
    ]);
    assert!(one.status.success(), "{}", String::from_utf8_lossy(&one.stderr));
    let id = String::from_utf8_lossy(&one.stdout).trim().to_owned();
    let edited = run(&["entry", "edit", &id, "--title", "The third"]);
    assert!(edited.status.success(), "{}", String::from_utf8_lossy(&edited.stderr));
    let bad = run(&["entry", "edit", &id, "--language", "not a tag"]);
    assert_one_line_error(&bad, "--language");

    let text = run(&["roundup", "export", "teams", "--format", "txt"]);
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(
        text.contains("The third — Short 👍\nhttps://example.org/c") && text.contains("Notes by Ada — worth it"),
        "{text}"
    );
    let wrong = run(&["roundup", "export", "teams", "--format", "pdf"]);
    assert_one_line_error(&wrong, "--format");

    let compact = run(&["search", "compact"]);
    let said = String::from_utf8_lossy(&compact.stderr).into_owned();
    assert!(compact.status.success(), "{said}");
    let expected = if url.starts_with("postgres") { "nothing to do" } else { "part(s) before, 1 now" };
    assert!(said.contains(expected), "{said}");
}

/// Output read only in part (`content-club i18n check | head -1`): the command ends quietly and
/// successfully once its reader has gone, instead of panicking on the closed pipe.
#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child =
        Command::new(BIN).args(["i18n", "check"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a line");
    assert!(first.starts_with("en "), "{first}");
    // The reader is dropped here: the rest of the report meets a closed pipe.
    let output = child.wait_with_output().expect("ends");
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?}: {errors}", output.status);
    assert!(!errors.contains("panicked"), "{errors}");
}
