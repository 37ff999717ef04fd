use crate::helpers::spawn_app;

#[tokio::test]
async fn healthz_and_readyz_answer_200() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
    assert_eq!(app.get("/readyz").await.status().as_u16(), 200);
}

/// A strict reading of the Prometheus text exposition format 0.0.4: every sample belongs to a
/// family declared by `# TYPE`, names and labels are well-formed, values are numbers.
fn parse_exposition(text: &str) -> Result<Vec<(String, String, f64)>, String> {
    let mut types = std::collections::HashMap::new();
    let mut samples = Vec::new();
    let valid_name = |n: &str| {
        !n.is_empty()
            && n.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
    };
    for (i, line) in text.lines().enumerate() {
        let err = |m: &str| format!("line {}: {m}: {line}", i + 1);
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').ok_or_else(|| err("TYPE without kind"))?;
            if !["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind) || !valid_name(name) {
                return Err(err("bad TYPE"));
            }
            if types.insert(name.to_owned(), kind.to_owned()).is_some() {
                return Err(err("TYPE declared twice"));
            }
            continue;
        }
        if line.starts_with("# HELP ") || line.starts_with('#') {
            continue;
        }
        let (series, value) = line.rsplit_once(' ').ok_or_else(|| err("no value"))?;
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            v => v.parse().map_err(|_| err("value is not a number"))?,
        };
        let (name, labels) = match series.split_once('{') {
            Some((name, rest)) => {
                let labels = rest.strip_suffix('}').ok_or_else(|| err("unclosed labels"))?;
                for pair in labels.split("\",").filter(|p| !p.is_empty()) {
                    let (k, v) = pair.split_once("=\"").ok_or_else(|| err("bad label"))?;
                    if !valid_name(k) || v.trim_end_matches('"').contains('\n') {
                        return Err(err("bad label"));
                    }
                }
                (name, labels.to_owned())
            }
            None => (series, String::new()),
        };
        if !valid_name(name) {
            return Err(err("bad metric name"));
        }
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| name.strip_suffix(s).filter(|f| types.get(*f).is_some_and(|k| k == "histogram")))
            .unwrap_or(name);
        if !types.contains_key(family) {
            return Err(err("sample without a TYPE"));
        }
        samples.push((name.to_owned(), labels, value));
    }
    Ok(samples)
}

#[tokio::test]
async fn metrics_parse_as_prometheus_text_and_count_requests_by_route_pattern() {
    let app = spawn_app().await;
    app.get("/healthz").await;
    app.get("/healthz").await;
    app.get("/static/style.css").await;
    app.get("/no/such/page").await;
    let res = app.get("/metrics").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"].to_str().expect("ascii").starts_with("text/plain; version=0.0.4"));
    let text = res.text().await.expect("body");
    let samples = parse_exposition(&text).expect("valid exposition");
    let find =
        |name: &str, label: &str| samples.iter().find(|(n, l, _)| n == name && l.contains(label)).map(|(_, _, v)| *v);
    assert_eq!(find("http_requests_total", "route=\"/healthz\",status=\"200\""), Some(2.0));
    assert_eq!(find("http_requests_total", "route=\"/static/{name}\""), Some(1.0));
    assert_eq!(find("http_requests_total", "route=\"unmatched\",status=\"404\""), Some(1.0));
    assert!(find("http_request_duration_seconds_count", "route=\"/healthz\"").is_some());
    assert!(find("db_pool_connections", "state=\"in_use\"").is_some());
    assert!(!text.contains("/no/such/page"), "raw paths never become labels");
}

#[test]
fn the_exposition_checker_refuses_malformed_text() {
    assert!(parse_exposition("# TYPE a counter\na 1\n").is_ok());
    assert!(parse_exposition("a 1\n").is_err(), "no TYPE");
    assert!(parse_exposition("# TYPE a counter\na one\n").is_err(), "not a number");
    assert!(parse_exposition("# TYPE a counter\na{x=\"1\" 1\n").is_err(), "unclosed");
}
