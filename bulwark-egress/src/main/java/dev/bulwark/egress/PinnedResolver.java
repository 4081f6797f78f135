package dev.bulwark.egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The HTTP client's only way to turn a host into addresses: resolve once, check every address, hand the client the
 * checked addresses themselves. The client connects to what was checked (no second lookup, so DNS rebinding between
 * check and connect is impossible) while the URL keeps the host name for SNI, certificate checks and {@code Host}.
 * One blocked address refuses the host: an attacker's DNS cannot mix a public address in to get past the check.
 */
final class PinnedResolver implements SocketAddressResolver {
    private final HostResolver dns;
    private final AddressRules rules;

    PinnedResolver(HostResolver dns, AddressRules rules) {
        this.dns = dns;
        this.rules = rules;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context,
                        Promise<List<InetSocketAddress>> promise) {
        try {
            promise.succeeded(checked(host, port));
        } catch (EgressRefusedException e) {
            promise.failed(new RefusedAddress(e.getMessage()));
        } catch (RuntimeException e) {
            promise.failed(new RefusedAddress("the host could not be resolved"));
        }
    }

    List<InetSocketAddress> checked(String host, int port) throws EgressRefusedException {
        List<InetAddress> addresses;
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        HttpTarget probe = HttpTarget.parse("http://" + (bare.contains(":") ? "[" + bare + "]" : bare) + "/");
        if (probe.literal() != null) {
            addresses = List.of(probe.literal());
        } else {
            try {
                addresses = dns.resolve(probe.host());
            } catch (UnknownHostException e) {
                throw new EgressRefusedException("the host " + probe.host() + " does not resolve");
            }
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new EgressRefusedException("the host " + probe.host() + " does not resolve");
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress address : addresses) {
            Optional<String> refusal = rules.refusal(address);
            if (refusal.isPresent()) {
                throw new EgressRefusedException("the host " + probe.host() + " resolves to a blocked address ("
                        + refusal.get() + ")");
            }
            // an address without its name: the socket connects to exactly these bytes
            out.add(new InetSocketAddress(unnamed(address), port));
        }
        return out;
    }

    private static InetAddress unnamed(InetAddress address) throws EgressRefusedException {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new EgressRefusedException("invalid address");
        }
    }

    /** Carries a refusal through the HTTP client's failure path. */
    static final class RefusedAddress extends java.io.IOException {
        RefusedAddress(String message) {
            super(message);
        }
    }
}
