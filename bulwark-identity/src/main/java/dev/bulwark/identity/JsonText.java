package dev.bulwark.identity;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Roles and attributes as JSON text in a column; sorted so equal values give equal text. */
final class JsonText {
    private JsonText() {}

    static String ofRoles(Set<String> roles) {
        return JSONArrayUtils.toJSONString(new ArrayList<>(new TreeSet<>(roles)));
    }

    static String ofAttributes(Map<String, String> attributes) {
        return JSONObjectUtils.toJSONString(new TreeMap<>(attributes));
    }

    static Set<String> roles(String json) {
        try {
            List<Object> items = JSONArrayUtils.parse(json);
            Set<String> roles = new TreeSet<>();
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

    static Map<String, String> attributes(String json) {
        try {
            Map<String, String> attributes = new LinkedHashMap<>();
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
