package dev.bulwark.documents;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses documents pushed as JSON (the HTTP ingestion endpoint): one object or an array of at most
 * {@value #MAX_DOCUMENTS} objects of the form
 * <pre>{@code
 * {"source_id": "wiki:hr/leave.md", "title": "Leave policy", "media_type": "text/markdown",
 *  "content": "..." | "content_base64": "...",
 *  "metadata": {"team": "hr"}, "acl": {"principals": ["user:alice", "agent:hr-bot"], "groups": ["hr"]},
 *  "owner": "user:alice",
 *  "integrity": "untrusted", "confidentiality": "internal"}
 * }</pre>
 * {@code integrity} defaults to {@code untrusted}, {@code confidentiality} to {@code internal}, {@code acl} to none.
 * Unknown fields are refused so that a misspelt {@code acl} cannot silently leave a document unprotected.
 */
public final class IngestJson {
    public static final int MAX_DOCUMENTS = 1000;
    private static final Set<String> FIELDS = Set.of("source_id", "title", "media_type", "content", "content_base64",
            "metadata", "acl", "owner", "integrity", "confidentiality");
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private IngestJson() {}

    /** @throws IllegalArgumentException naming the document and field at fault */
    public static List<IngestRequest> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("body could not be read as JSON");
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new IllegalArgumentException("body must be a JSON object or an array of objects");
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else {
            items.add(root);
        }
        if (items.isEmpty() || items.size() > MAX_DOCUMENTS) {
            throw new IllegalArgumentException("between 1 and " + MAX_DOCUMENTS + " documents are accepted per request");
        }
        List<IngestRequest> requests = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                requests.add(request(items.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("document " + i + ": " + e.getMessage());
            }
        }
        return requests;
    }

    private static IngestRequest request(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'");
            }
        }
        if (node.has("content") == node.has("content_base64")) {
            throw new IllegalArgumentException("exactly one of 'content' and 'content_base64' is required");
        }
        byte[] content;
        if (node.has("content")) {
            String text = string(node, "content", true);
            requireWellFormed(text);
            content = text.getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                content = Base64.getDecoder().decode(string(node, "content_base64", true));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'content_base64' is not valid base64");
            }
        }
        Optional<String> owner = node.has("owner") ? Optional.of(string(node, "owner", true)) : Optional.empty();
        Integrity integrity = node.has("integrity") ? Integrity.fromLabel(string(node, "integrity", true))
                : Integrity.UNTRUSTED;
        Confidentiality confidentiality = node.has("confidentiality")
                ? Confidentiality.fromLabel(string(node, "confidentiality", true)) : Confidentiality.INTERNAL;
        return new IngestRequest(string(node, "source_id", true),
                node.has("title") ? string(node, "title", false) : "",
                content, MediaType.fromHeader(string(node, "media_type", true)), metadata(node), acl(node), owner,
                integrity, confidentiality);
    }

    private static String string(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("'" + field + "' is required");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return value.textValue();
    }

    private static Map<String, String> metadata(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode value = node.get("metadata");
        if (value == null || value.isNull()) {
            return metadata;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("'metadata' must be an object of strings");
        }
        value.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("metadata '" + e.getKey() + "' must be a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        });
        return metadata;
    }

    private static SourceAcl acl(JsonNode node) {
        JsonNode value = node.get("acl");
        if (value == null || value.isNull()) {
            return SourceAcl.none();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("'acl' must be an object with 'principals' and 'groups'");
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("principals") && !name.equals("groups")) {
                throw new IllegalArgumentException("unknown ACL field '" + name + "' (expected principals, groups)");
            }
        }
        return new SourceAcl(strings(value, "principals"), strings(value, "groups"));
    }

    private static Set<String> strings(JsonNode acl, String field) {
        Set<String> values = new HashSet<>();
        JsonNode list = acl.get(field);
        if (list == null || list.isNull()) {
            return values;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("ACL '" + field + "' must be an array of strings");
        }
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("ACL '" + field + "' must be an array of strings");
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** JSON escapes can produce lone surrogates, which have no UTF-8 form; refuse them rather than mangle them. */
    private static void requireWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("'content' holds an unpaired surrogate at index " + i
                        + "; it cannot be encoded as UTF-8");
            }
        }
    }
}
