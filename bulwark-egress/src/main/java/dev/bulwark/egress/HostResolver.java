package dev.bulwark.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to addresses. Tests substitute one that answers what an attacker's DNS would. */
@FunctionalInterface
public interface HostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * The system resolver, asked for the absolute name (a trailing dot) so that search domains are never appended:
     * {@code api.example.com} cannot turn into {@code api.example.com.corp.internal}.
     */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host + "."));
}
