//! Which addresses the fetcher may connect to: public unicast only, unless the desk's allow list
//! (`CLAIMDESK_FETCH_ALLOW`) names the address. Every address a host resolves to is checked before
//! a connection, and so is every host a redirect names.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

/// The addresses let through although they are not public (an intranet, a test server).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList(Vec<IpNet>);

impl AllowList {
    /// A comma- or space-separated list of addresses and CIDRs: `127.0.0.1/32, 10.1.0.0/16, ::1`.
    pub fn parse(raw: &str) -> Result<AllowList, String> {
        raw.split([',', ' '])
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<IpNet>()
                    .or_else(|_| part.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!(
                            "CLAIMDESK_FETCH_ALLOW: {part:?} is not an address or a CIDR such as \
                             10.0.0.0/8"
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(AllowList)
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// Why an address may not be fetched, or `None` for a public one (or one the list lets through).
pub fn refusal(ip: IpAddr, allow: &AllowList) -> Option<&'static str> {
    if allow.contains(ip) {
        return None;
    }
    match canonical(ip) {
        IpAddr::V4(v4) => v4_refusal(v4),
        IpAddr::V6(v6) => v6_refusal(v6),
    }
}

/// An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// The reserved IPv4 ranges, each with the reason a refusal gives.
const V4_RULES: &[(Ipv4Addr, u8, &str)] = &[
    (Ipv4Addr::new(0, 0, 0, 0), 8, "an unspecified address"),
    (Ipv4Addr::new(10, 0, 0, 0), 8, "a private address"),
    (
        Ipv4Addr::new(100, 64, 0, 0),
        10,
        "a shared (carrier-grade NAT) address",
    ),
    (Ipv4Addr::new(127, 0, 0, 0), 8, "a loopback address"),
    (
        Ipv4Addr::new(169, 254, 0, 0),
        16,
        "a link-local or cloud metadata address",
    ),
    (Ipv4Addr::new(172, 16, 0, 0), 12, "a private address"),
    (
        Ipv4Addr::new(192, 0, 0, 0),
        24,
        "a protocol assignment address",
    ),
    (Ipv4Addr::new(192, 0, 2, 0), 24, "a documentation address"),
    (Ipv4Addr::new(192, 88, 99, 0), 24, "a relay address"),
    (Ipv4Addr::new(192, 168, 0, 0), 16, "a private address"),
    (Ipv4Addr::new(198, 18, 0, 0), 15, "a benchmarking address"),
    (
        Ipv4Addr::new(198, 51, 100, 0),
        24,
        "a documentation address",
    ),
    (Ipv4Addr::new(203, 0, 113, 0), 24, "a documentation address"),
    (Ipv4Addr::new(224, 0, 0, 0), 4, "a multicast address"),
    (Ipv4Addr::new(240, 0, 0, 0), 4, "a reserved address"),
];

fn v4_refusal(ip: Ipv4Addr) -> Option<&'static str> {
    V4_RULES.iter().find_map(|&(network, prefix, why)| {
        let mask = u32::MAX << (32 - u32::from(prefix));
        (u32::from(ip) & mask == u32::from(network)).then_some(why)
    })
}

/// The reserved IPv6 ranges, each with the reason a refusal gives.
const V6_RULES: &[(Ipv6Addr, u8, &str)] = &[
    (Ipv6Addr::UNSPECIFIED, 128, "an unspecified address"),
    (Ipv6Addr::LOCALHOST, 128, "a loopback address"),
    // IPv4-compatible and NAT64 forms carry an IPv4 address that would be reached behind them.
    (
        Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0, 0),
        96,
        "an IPv4-compatible address",
    ),
    (
        Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0),
        96,
        "a NAT64 address",
    ),
    (
        Ipv6Addr::new(0x64, 0xff9b, 1, 0, 0, 0, 0, 0),
        48,
        "a NAT64 address",
    ),
    (
        Ipv6Addr::new(0x100, 0, 0, 0, 0, 0, 0, 0),
        64,
        "a discard address",
    ),
    (
        Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0),
        32,
        "a documentation address",
    ),
    (
        Ipv6Addr::new(0x2002, 0, 0, 0, 0, 0, 0, 0),
        16,
        "a 6to4 address",
    ),
    (
        Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0),
        32,
        "a Teredo address",
    ),
    (
        Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0),
        7,
        "a unique-local (private) address",
    ),
    (
        Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0),
        10,
        "a link-local address",
    ),
    (
        Ipv6Addr::new(0xfec0, 0, 0, 0, 0, 0, 0, 0),
        10,
        "a site-local address",
    ),
    (
        Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0),
        8,
        "a multicast address",
    ),
];

fn v6_refusal(ip: Ipv6Addr) -> Option<&'static str> {
    V6_RULES.iter().find_map(|&(network, prefix, why)| {
        let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
        (u128::from(ip) & mask == u128::from(network)).then_some(why)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(raw: &str) -> Option<&'static str> {
        refusal(raw.parse().unwrap(), &AllowList::default())
    }

    #[test]
    fn public_addresses_are_fetched() {
        for ip in [
            "93.184.216.34",
            "8.8.8.8",
            "1.1.1.1",
            "2606:4700:4700::1111",
            "2a00:1450::1",
        ] {
            assert_eq!(refused(ip), None, "{ip}");
        }
    }

    #[test]
    fn every_kind_of_inner_address_is_refused() {
        for (ip, why) in [
            ("127.0.0.1", "loopback"),
            ("127.255.0.9", "loopback"),
            ("0.0.0.0", "unspecified"),
            ("10.3.4.5", "private"),
            ("172.16.0.1", "private"),
            ("172.31.255.255", "private"),
            ("192.168.1.1", "private"),
            ("169.254.169.254", "metadata"),
            ("100.64.0.1", "carrier-grade"),
            ("224.0.0.251", "multicast"),
            ("255.255.255.255", "reserved"),
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("::ffff:127.0.0.1", "loopback"),
            ("::ffff:169.254.169.254", "metadata"),
            ("::127.0.0.1", "IPv4-compatible"),
            ("64:ff9b::a00:1", "NAT64"),
            ("fd00::1", "unique-local"),
            ("fc12::1", "unique-local"),
            ("fe80::1", "link-local"),
            ("ff02::1", "multicast"),
            ("2002:7f00:1::", "6to4"),
        ] {
            let reason = refused(ip).unwrap_or_else(|| panic!("{ip} was let through"));
            assert!(reason.contains(why), "{ip}: {reason}");
        }
    }

    #[test]
    fn the_edges_of_the_private_ranges_are_public() {
        for ip in [
            "172.15.255.255",
            "172.32.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "11.0.0.0",
        ] {
            assert_eq!(refused(ip), None, "{ip}");
        }
    }

    #[test]
    fn the_allow_list_lets_its_addresses_through_and_no_others() {
        let allow = AllowList::parse("127.0.0.1/32, 10.1.0.0/16 ::1").unwrap();
        assert_eq!(refusal("127.0.0.1".parse().unwrap(), &allow), None);
        assert_eq!(refusal("::ffff:127.0.0.1".parse().unwrap(), &allow), None);
        assert_eq!(refusal("10.1.200.3".parse().unwrap(), &allow), None);
        assert_eq!(refusal("::1".parse().unwrap(), &allow), None);
        assert!(refusal("127.0.0.2".parse().unwrap(), &allow).is_some());
        assert!(refusal("10.2.0.1".parse().unwrap(), &allow).is_some());
        assert!(refusal("169.254.169.254".parse().unwrap(), &allow).is_some());
    }

    #[test]
    fn a_bad_allow_list_is_refused_with_the_part_named() {
        let err = AllowList::parse("127.0.0.1/32, intranet").unwrap_err();
        assert!(err.contains("\"intranet\""), "{err}");
        assert_eq!(AllowList::parse("").unwrap(), AllowList::default());
    }
}
