package dev.bulwark.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads {@code bulwark.yaml} into a {@link BulwarkConfig}, with errors that point at file, line and column. */
public final class ConfigLoader {
    private static final int MAX_BYTES = 1024 * 1024;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** Loads a file; a missing file is an error (use {@link BulwarkConfig#defaults()} for embedded defaults). */
    public BulwarkConfig load(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(file + ": configuration larger than 1 MiB");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read configuration: " + e.getMessage(), e);
        }
    }

    /** Parses YAML text; {@code source} names it in errors. An empty document means all defaults. */
    public BulwarkConfig parse(String text, String source) {
        if (text.isBlank()) {
            return BulwarkConfig.defaults();
        }
        try {
            BulwarkConfig config = yaml.readValue(text, BulwarkConfig.class);
            return config == null ? BulwarkConfig.defaults() : config;
        } catch (UnrecognizedPropertyException e) {
            JsonLocation at = KeyLocations.index(text).getOrDefault(fullPath(e), e.getLocation());
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(where(source, at) + "unknown key '" + e.getPropertyName()
                    + "' in " + path(e) + " (known: " + known + ")", e);
        } catch (JsonMappingException e) {
            JsonLocation at = KeyLocations.index(text).getOrDefault(fullPath(e), e.getLocation());
            throw new ConfigException(where(source, at) + rootMessage(e) + pathSuffix(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where(source, e.getLocation()) + "invalid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static String where(String source, JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return source + ": ";
        }
        return source + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
    }

    private static String rootMessage(JsonMappingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof IllegalArgumentException || t instanceof NullPointerException) {
            return t.getMessage();
        }
        return e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        int cut = p.lastIndexOf('.');
        return cut < 0 ? "the top level" : p.substring(0, cut).replace(".[", "[");
    }

    private static String pathSuffix(JsonMappingException e) {
        String p = fullPath(e);
        return p.isEmpty() ? "" : " (at " + p + ")";
    }

    private static String fullPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
