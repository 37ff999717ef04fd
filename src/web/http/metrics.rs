//! Request counters and latency histograms by route pattern, written in the Prometheus text
//! exposition format (version 0.0.4).

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// Counters are kept in shards, one per worker thread in practice, so that workers never wait
/// for each other's lock; /metrics adds the shards up.
const SHARDS: usize = 16;

fn shard() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local!(static SHARD: usize = NEXT.fetch_add(1, Ordering::Relaxed) % SHARDS);
    SHARD.with(|s| *s)
}

#[derive(Default)]
pub struct Metrics {
    shards: [Mutex<HashMap<String, RouteStats>>; SHARDS],
    /// Path → route pattern, so that a busy path is matched against the routes once, not on
    /// every request (matching runs regular expressions over every dynamic route).
    patterns: std::sync::RwLock<HashMap<String, std::sync::Arc<str>>>,
}

/// Paths remembered at most; beyond that the memo starts afresh (it is only a shortcut).
const PATTERN_MEMO: usize = 4096;

#[derive(Default)]
struct RouteStats {
    /// (method, status) → requests
    counts: Vec<(&'static str, u16, u64)>,
    latency: Histogram,
}

#[derive(Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// The method as a static label (bounded cardinality).
pub fn method_label(method: &actix_web::http::Method) -> &'static str {
    match method.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "OTHER",
    }
}

impl Metrics {
    /// The route pattern of a request path, computed by `lookup` the first time.
    pub fn pattern(&self, path: &str, lookup: impl FnOnce() -> Option<String>) -> std::sync::Arc<str> {
        if let Some(found) = self.patterns.read().unwrap_or_else(|p| p.into_inner()).get(path) {
            return found.clone();
        }
        match lookup() {
            Some(pattern) => {
                let pattern: std::sync::Arc<str> = pattern.into();
                let mut memo = self.patterns.write().unwrap_or_else(|p| p.into_inner());
                if memo.len() >= PATTERN_MEMO {
                    memo.clear();
                }
                memo.insert(path.to_owned(), pattern.clone());
                pattern
            }
            // Unmatched paths are unbounded; they are never remembered.
            None => "unmatched".into(),
        }
    }

    /// Records one request; allocates only the first time a route is seen.
    pub fn observe(&self, method: &'static str, route: &str, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let mut routes = self.shards[shard()].lock().unwrap_or_else(|p| p.into_inner());
        if !routes.contains_key(route) {
            routes.insert(route.to_owned(), RouteStats::default());
        }
        let Some(stats) = routes.get_mut(route) else { return };
        match stats.counts.iter_mut().find(|(m, s, _)| *m == method && *s == status) {
            Some(entry) => entry.2 += 1,
            None => stats.counts.push((method, status, 1)),
        }
        let h = &mut stats.latency;
        if let Some(i) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            h.counts[i] += 1;
        }
        h.count += 1;
        h.sum += seconds;
    }

    /// Every shard's counts added up, by route.
    fn totals(&self) -> HashMap<String, RouteStats> {
        let mut routes: HashMap<String, RouteStats> = HashMap::new();
        for shard in &self.shards {
            for (route, stats) in shard.lock().unwrap_or_else(|p| p.into_inner()).iter() {
                let total = routes.entry(route.clone()).or_default();
                for (method, status, n) in &stats.counts {
                    match total.counts.iter_mut().find(|(m, s, _)| m == method && s == status) {
                        Some(entry) => entry.2 += n,
                        None => total.counts.push((method, *status, *n)),
                    }
                }
                for (i, c) in stats.latency.counts.iter().enumerate() {
                    total.latency.counts[i] += c;
                }
                total.latency.count += stats.latency.count;
                total.latency.sum += stats.latency.sum;
            }
        }
        routes
    }

    /// The exposition text; `pool` is (in use, idle, max) connections, `queries` the statements
    /// run on them, `waiting` the writes and the searches waiting for their turn.
    pub fn render(&self, pool: (u32, u32, u32), waiting: (usize, usize), queries: u64, started_unix: i64) -> String {
        let routes = self.totals();
        let mut names: Vec<&String> = routes.keys().collect();
        names.sort();
        let mut out = String::new();
        write_requests(&mut out, &routes, &names);
        write_latency(&mut out, &routes, &names);
        write_database(&mut out, pool, waiting, queries);
        gauge(
            &mut out,
            "process_start_time_seconds",
            "Start time of the process since the Unix epoch.",
            &[("", started_unix.to_string())],
        );
        out
    }
}

/// The gauges of the database's connections and of the work waiting for its turn.
fn write_database(out: &mut String, pool: (u32, u32, u32), waiting: (usize, usize), queries: u64) {
    let (writes_waiting, searches_waiting) = waiting;
    let (in_use, idle, max) = pool;
    gauge(
        out,
        "db_pool_connections",
        "Database connections by state.",
        &[("{state=\"in_use\"}", in_use.to_string()), ("{state=\"idle\"}", idle.to_string())],
    );
    gauge(out, "db_pool_max_connections", "Largest number of pooled database connections.", &[("", max.to_string())]);
    gauge(
        out,
        "db_writes_waiting",
        "Writes waiting for their turn at the database.",
        &[("", writes_waiting.to_string())],
    );
    gauge(out, "searches_waiting", "Searches waiting for a thread to run on.", &[("", searches_waiting.to_string())]);
    counter(out, "db_queries_total", "Statements run on pooled database connections.", queries);
}

fn gauge(out: &mut String, name: &str, help: &str, samples: &[(&str, String)]) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
    for (labels, value) in samples {
        let _ = writeln!(out, "{name}{labels} {value}");
    }
}

fn counter(out: &mut String, name: &str, help: &str, value: u64) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}");
}

fn write_requests(out: &mut String, routes: &HashMap<String, RouteStats>, names: &[&String]) {
    out.push_str("# HELP http_requests_total HTTP requests answered, by method, route pattern and status.\n");
    out.push_str("# TYPE http_requests_total counter\n");
    for route in names {
        let mut counts = routes[*route].counts.clone();
        counts.sort();
        for (method, status, n) in counts {
            let route = escape(route);
            let _ =
                writeln!(out, "http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}");
        }
    }
}

fn write_latency(out: &mut String, routes: &HashMap<String, RouteStats>, names: &[&String]) {
    out.push_str("# HELP http_request_duration_seconds Time to answer HTTP requests, by route pattern.\n");
    out.push_str("# TYPE http_request_duration_seconds histogram\n");
    for route in names {
        let h = &routes[*route].latency;
        let labels = format!("route=\"{}\"", escape(route));
        let mut cumulative = 0;
        for (i, bound) in BUCKETS.iter().enumerate() {
            cumulative += h.counts[i];
            let _ = writeln!(out, "http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}");
        }
        let _ = writeln!(out, "http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", h.count);
        let _ = writeln!(out, "http_request_duration_seconds_sum{{{labels}}} {}", h.sum);
        let _ = writeln!(out, "http_request_duration_seconds_count{{{labels}}} {}", h.count);
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}
