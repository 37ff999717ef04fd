//! Request counters and latency histograms by route pattern, written in the Prometheus text
//! exposition format (version 0.0.4).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<(String, String), Histogram>,
}

#[derive(Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *inner.requests.entry((method.to_owned(), route.to_owned(), status)).or_default() += 1;
        let h = inner.latency.entry((method.to_owned(), route.to_owned())).or_default();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += seconds;
    }

    /// The exposition text; `pool` is (in use, idle, max) connections.
    pub fn render(&self, pool: (u32, u32, u32), started_unix: i64) -> String {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = String::new();
        out.push_str("# HELP http_requests_total HTTP requests answered, by method, route pattern and status.\n");
        out.push_str("# TYPE http_requests_total counter\n");
        for ((method, route, status), n) in &inner.requests {
            let _ = writeln!(
                out,
                "http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(method),
                escape(route)
            );
        }
        out.push_str(
            "# HELP http_request_duration_seconds Time to answer HTTP requests, by method and route pattern.\n",
        );
        out.push_str("# TYPE http_request_duration_seconds histogram\n");
        for ((method, route), h) in &inner.latency {
            let labels = format!("method=\"{}\",route=\"{}\"", escape(method), escape(route));
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ =
                    writeln!(out, "http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {}", h.counts[i]);
            }
            let _ = writeln!(out, "http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", h.count);
            let _ = writeln!(out, "http_request_duration_seconds_sum{{{labels}}} {}", h.sum);
            let _ = writeln!(out, "http_request_duration_seconds_count{{{labels}}} {}", h.count);
        }
        let (in_use, idle, max) = pool;
        out.push_str("# HELP db_pool_connections Database connections by state.\n");
        out.push_str("# TYPE db_pool_connections gauge\n");
        let _ = writeln!(out, "db_pool_connections{{state=\"in_use\"}} {in_use}");
        let _ = writeln!(out, "db_pool_connections{{state=\"idle\"}} {idle}");
        out.push_str("# HELP db_pool_max_connections Largest number of pooled database connections.\n");
        out.push_str("# TYPE db_pool_max_connections gauge\n");
        let _ = writeln!(out, "db_pool_max_connections {max}");
        out.push_str("# HELP process_start_time_seconds Start time of the process since the Unix epoch.\n");
        out.push_str("# TYPE process_start_time_seconds gauge\n");
        let _ = writeln!(out, "process_start_time_seconds {started_unix}");
        out
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}
