package dev.bulwark.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which IP addresses egress may connect to: every address outside the special-purpose blocks below (IANA IPv4 and
 * IPv6 special-purpose registries, cloud metadata endpoints). An IPv6 address that embeds an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo) is judged by the embedded address too, so
 * {@code ::ffff:169.254.169.254} is refused like {@code 169.254.169.254}.
 *
 * <p>Exemptions exist for tests only ({@link #exemptingLoopbackForTests}): no configuration key creates them, and
 * only loopback addresses can be exempted.
 */
public final class AddressRules {
    /** A blocked range: prefix bits of {@code network}, and why it is blocked. */
    record Block(byte[] network, int bits, String reason) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Block> BLOCKS = List.of(
            block("0.0.0.0/8", "unspecified (this network)"),
            block("10.0.0.0/8", "private"),
            block("100.64.0.0/10", "shared address space (CGNAT, Alibaba metadata 100.100.100.200)"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local (cloud metadata 169.254.169.254)"),
            block("172.16.0.0/12", "private"),
            block("192.0.0.0/24", "IETF protocol assignments"),
            block("192.0.2.0/24", "documentation"),
            block("192.31.196.0/24", "AS112"),
            block("192.52.193.0/24", "AMT"),
            block("192.88.99.0/24", "6to4 relay anycast"),
            block("192.168.0.0/16", "private"),
            block("192.175.48.0/24", "AS112"),
            block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation"),
            block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"),
            block("255.255.255.255/32", "broadcast"),
            block("240.0.0.0/4", "reserved"),
            block("::/128", "unspecified"),
            block("::1/128", "loopback"),
            block("100::/64", "discard"),
            block("2001::/23", "IETF protocol assignments"),
            block("2001:db8::/32", "documentation"),
            block("3fff::/20", "documentation"),
            block("5f00::/16", "segment routing"),
            block("fc00::/7", "unique local (AWS metadata fd00:ec2::254)"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "site-local"),
            block("ff00::/8", "multicast"));

    private static final Block MAPPED = block("::ffff:0:0/96", "IPv4-mapped");
    private static final Block TRANSLATED = block("::ffff:0:0:0/96", "IPv4-translated");
    private static final Block COMPATIBLE = block("::/96", "IPv4-compatible");
    private static final Block NAT64 = block("64:ff9b::/96", "NAT64");
    private static final Block NAT64_LOCAL = block("64:ff9b:1::/48", "local NAT64");
    private static final Block SIX_TO_FOUR = block("2002::/16", "6to4");
    private static final Block TEREDO = block("2001::/32", "Teredo");

    private final Set<InetAddress> exempt;

    private AddressRules(Set<InetAddress> exempt) {
        this.exempt = Set.copyOf(exempt);
    }

    /** The rules in force in production: nothing exempt. */
    public static AddressRules standard() {
        return new AddressRules(Set.of());
    }

    /**
     * Rules that let these loopback addresses through, for tests that run a server on loopback. Deliberately not
     * reachable from configuration; anything but a loopback address is refused here.
     */
    public static AddressRules exemptingLoopbackForTests(InetAddress... loopback) {
        for (InetAddress address : loopback) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("only loopback addresses can be exempted: " + address);
            }
        }
        return new AddressRules(Set.of(loopback));
    }

    /** Whether any address is exempt (logged by callers, so a test switch never goes unnoticed). */
    public boolean hasExemptions() {
        return !exempt.isEmpty();
    }

    /** Why {@code address} must not be reached, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (exempt.contains(address)) {
            return Optional.empty();
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return Optional.of(reasonFor(address.getAddress()).orElse("local or multicast"));
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(raw);
            if (embedded != null) {
                Optional<String> inner = reasonFor(embedded);
                if (inner.isPresent()) {
                    return Optional.of("IPv6 address embedding a blocked IPv4 address: " + inner.get());
                }
            }
            if (MAPPED.contains(raw) || TRANSLATED.contains(raw) || COMPATIBLE.contains(raw)) {
                // an embedding of a public address works too, but the plain IPv4 form is the one to use
                return Optional.of("IPv4 address written as IPv6; use the IPv4 form");
            }
        }
        return reasonFor(raw);
    }

    private static Optional<String> reasonFor(byte[] raw) {
        for (Block block : BLOCKS) {
            if (block.contains(raw)) {
                return Optional.of(block.reason());
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address carries in one of the standard embeddings, or null. */
    static byte[] embeddedIpv4(byte[] v6) {
        if (MAPPED.contains(v6) || TRANSLATED.contains(v6) || COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            return java.util.Arrays.copyOfRange(v6, 12, 16);
        }
        if (NAT64_LOCAL.contains(v6)) {
            return java.util.Arrays.copyOfRange(v6, 12, 16);
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return java.util.Arrays.copyOfRange(v6, 2, 6);
        }
        if (TEREDO.contains(v6)) {
            byte[] client = java.util.Arrays.copyOfRange(v6, 12, 16);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            return client;
        }
        return null;
    }

    private static Block block(String cidr, String reason) {
        int slash = cidr.indexOf('/');
        try {
            // literals only: getByName parses them without any lookup
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.contains(":") && network.length == 4) {
                // the JDK reads ::ffff:a.b.c.d as IPv4; the block means the IPv6 form
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(network, 0, mapped, 12, 4);
                network = mapped;
            }
            return new Block(network, Integer.parseInt(cidr.substring(slash + 1)), reason);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isIpv4(InetAddress address) {
        return address instanceof Inet4Address;
    }
}
