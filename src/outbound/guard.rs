//! Where the service may connect: public addresses only, on the web's ports, unless the operator
//! allows private networks (tests do, for fixture servers on loopback; production must not).
//! Every address a name resolves to is checked before connecting, and the connection is made to
//! the checked address; literal addresses in links (in any spelling the URL standard accepts:
//! dotted, decimal, octal, IPv6, IPv4-mapped IPv6) are checked the same way.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// What the operator allows.
#[derive(Debug, Clone, Copy)]
pub struct Guard {
    /// Loopback, private and unique-local addresses, on any port.
    pub allow_private_networks: bool,
}

/// Addresses that are never anybody's web page: this host, every private network, link-local
/// (cloud metadata lives at 169.254.169.254), shared address space, documentation and
/// benchmarking ranges, multicast, broadcast and reserved space.
fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (18..20).contains(&b))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let first = ip.segments()[0];
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || ip.is_unique_local()
        || ip.is_unicast_link_local()
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
        || first == 0x2001 && ip.segments()[1] == 0x0db8 // documentation
        || first == 0x0064 && ip.segments()[1] == 0xff9b // NAT64 (reaches IPv4 space)
        || first == 0x2002 // 6to4 (reaches IPv4 space)
        || ip.to_ipv4().is_some()) // IPv4-compatible
}

pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

/// Addresses no setting opens: link-local (cloud metadata services), unspecified, multicast
/// and broadcast are never a test fixture either.
fn never(ip: IpAddr) -> bool {
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(IpAddr::V6(v6)),
        other => other,
    };
    match ip {
        IpAddr::V4(v4) => v4.is_link_local() || v4.is_unspecified() || v4.is_multicast() || v4.is_broadcast(),
        IpAddr::V6(v6) => v6.is_unicast_link_local() || v6.is_unspecified() || v6.is_multicast(),
    }
}

impl Guard {
    /// Whether connecting to `ip` is allowed; the reason when not.
    pub fn check_address(&self, ip: IpAddr) -> Result<(), String> {
        if never(ip) || !(is_public(ip) || self.allow_private_networks) {
            return Err(format!("{ip} is not a public address"));
        }
        Ok(())
    }

    /// Whether a link may be fetched at all: http(s), no credentials, a public literal address
    /// (names are checked when they resolve), the web's ports unless private networks are allowed.
    pub fn check_url(&self, url: &Url) -> Result<(), String> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("{}: links are fetched over http and https only", url.scheme()));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("links with credentials are not fetched".into());
        }
        match url.host() {
            Some(Host::Ipv4(ip)) => self.check_address(IpAddr::V4(ip))?,
            Some(Host::Ipv6(ip)) => self.check_address(IpAddr::V6(ip))?,
            Some(Host::Domain(name)) => {
                // "localhost" and its subdomains are this machine by definition (RFC 6761).
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                if !self.allow_private_networks && (name == "localhost" || name.ends_with(".localhost")) {
                    return Err(format!("{name} is this machine"));
                }
            }
            None => return Err("the link has no host".into()),
        }
        let port = url.port_or_known_default().unwrap_or(0);
        if !self.allow_private_networks && port != 80 && port != 443 {
            return Err(format!("port {port}: links are fetched on ports 80 and 443 only"));
        }
        Ok(())
    }
}

/// A resolver that hands the HTTP client only the addresses the guard allows, so that the
/// address connected to is the one that was checked (no second lookup in between).
#[derive(Debug, Clone)]
pub struct GuardedResolver {
    pub guard: Guard,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = self.guard;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> =
                found.iter().copied().filter(|a| guard.check_address(a.ip()).is_ok()).collect();
            if allowed.is_empty() {
                let reason = found.first().map_or("no address".to_owned(), |a| format!("resolves to {}", a.ip()));
                return Err(format!("{host}: {reason}, not a public address").into());
            }
            let addrs: Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}

pub fn resolver(guard: Guard) -> Arc<GuardedResolver> {
    Arc::new(GuardedResolver { guard })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("url")
    }

    #[test]
    fn every_spelling_of_a_private_address_is_refused() {
        let guard = Guard { allow_private_networks: false };
        for link in [
            "http://127.0.0.1/",
            "http://127.1/",
            "http://2130706433/",
            "http://0177.0.0.1/",
            "http://0x7f.0.0.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://10.0.0.1/",
            "http://172.16.5.4/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/",
            "http://0.0.0.0/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://[::ffff:10.0.0.1]/",
            "http://localhost/",
            "http://db.localhost/",
        ] {
            let refused = guard.check_url(&url(link));
            assert!(refused.is_err(), "{link} was allowed");
            assert!(!refused.unwrap_err().starts_with("port"), "{link}: refused for its address, not its port");
        }
        assert!(guard.check_url(&url("https://example.org/")).is_ok());
        assert!(guard.check_url(&url("http://93.184.216.34/")).is_ok());
        assert!(guard.check_url(&url("https://example.org:8443/")).is_err(), "other ports");
        assert!(guard.check_url(&url("ftp://example.org/")).is_err());
        assert!(guard.check_url(&url("https://user:pw@example.org/")).is_err());
    }

    #[test]
    fn allowing_private_networks_still_refuses_metadata_and_unspecified_addresses() {
        let guard = Guard { allow_private_networks: true };
        assert!(guard.check_url(&url("http://127.0.0.1:8123/")).is_ok());
        assert!(guard.check_url(&url("http://10.1.2.3:8080/")).is_ok());
        for link in
            ["http://169.254.169.254/", "http://0.0.0.0:8080/", "http://[fe80::1]/", "http://[::ffff:169.254.169.254]/"]
        {
            assert!(guard.check_url(&url(link)).is_err(), "{link}");
        }
    }
}
