package dev.bulwark.documents.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is encrypted for one chunk: its text and the document's title and metadata, which may be as sensitive as the
 * text. Only this sealed form is kept in stored fields.
 */
public record ChunkPayload(String title, String text, Map<String, String> metadata) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ChunkPayload {
        Checks.present(title, "title");
        Checks.present(text, "text");
        metadata = Map.copyOf(Checks.present(metadata, "metadata"));
    }

    public byte[] toBytes() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("v", 1);
        tree.put("title", title);
        tree.put("text", text);
        tree.put("metadata", metadata);
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a chunk payload", e);
        }
    }

    /** Parses a decrypted payload; a malformed one throws {@link IllegalArgumentException}. */
    @SuppressWarnings("unchecked")
    public static ChunkPayload fromBytes(byte[] bytes) {
        try {
            Map<String, Object> tree = JSON.readValue(bytes, Map.class);
            if (!Integer.valueOf(1).equals(tree.get("v")) || !(tree.get("title") instanceof String title)
                    || !(tree.get("text") instanceof String text) || !(tree.get("metadata") instanceof Map<?, ?> meta)) {
                throw new IllegalArgumentException("chunk payload has an unknown shape");
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : meta.entrySet()) {
                metadata.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
            return new ChunkPayload(title, text, metadata);
        } catch (IOException e) {
            throw new IllegalArgumentException("chunk payload is not valid JSON", e);
        }
    }

    /** Associated data binding a ciphertext to its document and chunk, so ciphertexts cannot be swapped. */
    public static byte[] associatedData(String documentId, int ordinal) {
        return ("bulwark/chunk/v1\u0000" + documentId + "\u0000" + ordinal).getBytes(StandardCharsets.UTF_8);
    }
}
