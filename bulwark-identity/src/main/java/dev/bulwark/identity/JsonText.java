package dev.bulwark.identity;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Roles and attributes as JSON text in a column; sorted so equal values give equal text. Reading is a function of the
 * text alone, so the values of recently read texts are kept (keyed by the exact text, at most {@link #REMEMBERED} of
 * each): an agent's row is read on every request and its roles and attributes rarely change. The row is still read
 * every time; a changed text is a new key and is parsed and checked anew. Values handed out are immutable.
 */
final class JsonText {
    /** Distinct texts kept per kind; past that the kept values are dropped and parsed again as they come. */
    static final int REMEMBERED = 1024;
    private static final Map<String, Set<String>> ROLES = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> ATTRIBUTES = new ConcurrentHashMap<>();

    private JsonText() {}

    static String ofRoles(Set<String> roles) {
        return JSONArrayUtils.toJSONString(new ArrayList<>(new TreeSet<>(roles)));
    }

    static String ofAttributes(Map<String, String> attributes) {
        return JSONObjectUtils.toJSONString(new TreeMap<>(attributes));
    }

    /** The role names in {@code json}, a JSON array of strings (immutable, sorted); fails on anything else. */
    static Set<String> roles(String json) {
        Set<String> known = json == null ? null : ROLES.get(json);
        if (known != null) {
            return known;
        }
        Set<String> parsed = Collections.unmodifiableSortedSet(parseRoles(json));
        remember(ROLES, json, parsed);
        return parsed;
    }

    /** The attributes in {@code json}, a JSON object of strings (immutable, in order); fails on anything else. */
    static Map<String, String> attributes(String json) {
        Map<String, String> known = json == null ? null : ATTRIBUTES.get(json);
        if (known != null) {
            return known;
        }
        Map<String, String> parsed = Collections.unmodifiableMap(parseAttributes(json));
        remember(ATTRIBUTES, json, parsed);
        return parsed;
    }

    private static <V> void remember(Map<String, V> kept, String json, V value) {
        if (json == null) {
            return;
        }
        if (kept.size() >= REMEMBERED) {
            kept.clear();
        }
        kept.put(json, value);
    }

    private static TreeSet<String> parseRoles(String json) {
        try {
            List<Object> items = JSONArrayUtils.parse(json);
            TreeSet<String> roles = new TreeSet<>();
            for (Object item : items) {
                if (!(item instanceof String s)) {
                    throw new IllegalStateException("stored roles must be strings");
                }
                roles.add(s);
            }
            return roles;
        } catch (ParseException e) {
            throw new IllegalStateException("stored roles are not a JSON array", e);
        }
    }

    private static LinkedHashMap<String, String> parseAttributes(String json) {
        try {
            LinkedHashMap<String, String> attributes = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : JSONObjectUtils.parse(json).entrySet()) {
                if (!(e.getValue() instanceof String s)) {
                    throw new IllegalStateException("stored attribute values must be strings");
                }
                attributes.put(e.getKey(), s);
            }
            return attributes;
        } catch (ParseException e) {
            throw new IllegalStateException("stored attributes are not a JSON object", e);
        }
    }

    static String of(Map<String, ?> object) {
        return JSONObjectUtils.toJSONString(object);
    }
}
