package dev.bulwark.egress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parsed target of an egress call, added to its arguments before policy decides, so that a Cedar policy can
 * allow hosts per agent: {@code context.arguments.host} (canonical: lower-case ASCII/punycode, no trailing dot, or a
 * dotted-decimal IPv4, or a bracketed IPv6), {@code context.arguments.scheme} and {@code context.arguments.port}.
 * The connector parses the URL again and refuses the call if the facts disagree with it.
 */
public final class EgressFacts {
    public static final Set<String> KEYS = Set.of("host", "scheme", "port");

    private EgressFacts() {}

    /** The arguments with the facts of their {@code url} added (replacing any the caller sent). */
    public static Map<String, Object> add(Map<String, Object> arguments) throws EgressRefusedException {
        if (!(arguments.get("url") instanceof String url)) {
            throw new EgressRefusedException("'url' must be a string");
        }
        HttpTarget target = HttpTarget.parse(url);
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        out.put("host", target.host());
        out.put("scheme", target.scheme());
        out.put("port", (long) target.port());
        return out;
    }

    static void requireConsistent(Map<String, Object> arguments, HttpTarget target) throws EgressRefusedException {
        Object host = arguments.get("host");
        Object scheme = arguments.get("scheme");
        Object port = arguments.get("port");
        if (host != null && !target.host().equals(host) || scheme != null && !target.scheme().equals(scheme)
                || port != null && !(port instanceof Number n && n.longValue() == target.port())) {
            throw new EgressRefusedException("the decided host, scheme or port differ from the URL");
        }
    }
}
