package dev.bulwark.engine.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Splits the output of a tool that returns records (a JSON or YAML list or object) into <em>fields</em>, short values
 * standing alone (a name, a channel, an account, an amount, a date), and <em>text</em>, everything written as prose
 * (a message body, a subject of many words) and every object key. Only a tool configured {@code output: records} is
 * split, so an attacker who writes a whole document cannot make it look like records; within records, an attacker
 * who controls one field's content gets prose or a field of its own, never a field the service set.
 *
 * <p>A field holding several tokens keeps its identifiers (an IBAN, an e-mail, a URL) as text: an identifier counts
 * as a datum only when it is the whole field ({@code recipient: GB29…}), not when it is mentioned in a short phrase
 * ({@code "pay GB29… now"}).
 */
final class RecordFields {
    /** A string leaf longer than this, or of more words, or on several lines, is prose. */
    static final int MAX_FIELD_CHARS = Provenance.SHORT_CHARS;
    static final int MAX_FIELD_WORDS = Provenance.SHORT_WORDS;
    private static final int MAX_DEPTH = 32;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = yaml();

    /** The parts of one output: leaves read as fields, and leaves and keys read as text. */
    record Split(List<Object> fields, List<Object> text) {}

    private RecordFields() {}

    /**
     * The split of {@code output} (text holding JSON or YAML, or a tree already parsed), or {@code null} when it is not
     * records (a scalar, unparseable text, or more than {@code maxNodes} nodes or {@code maxChars} characters): the
     * caller then reads the whole output as text.
     */
    static Split split(Object output, int maxNodes, int maxChars) {
        Object tree = output instanceof String s ? parse(s, maxChars) : output;
        if (!(tree instanceof Map<?, ?>) && !(tree instanceof List<?>)) {
            return null;
        }
        Split split = new Split(new ArrayList<>(), new ArrayList<>());
        int[] budget = {maxNodes, maxChars};
        return walk(tree, 0, split, budget) ? split : null;
    }

    /**
     * Whether a string leaf is a field: short, one line, few words (counted as {@code t.split("\\s+")} would, without
     * compiling a pattern per leaf).
     */
    static boolean field(String s) {
        String t = s.strip();
        return !t.isEmpty() && t.length() <= MAX_FIELD_CHARS && t.indexOf('\n') < 0 && t.indexOf('\r') < 0
                && Provenance.wordCount(t) <= MAX_FIELD_WORDS;
    }

    /** Whether a field is one token, so that an identifier in it is the whole field. */
    static boolean singleToken(String s) {
        return Provenance.wordCount(s) == 1;
    }

    private static boolean walk(Object node, int depth, Split split, int[] budget) {
        if (budget[0]-- <= 0 || depth > MAX_DEPTH) {
            return false;
        }
        if (node instanceof String s) {
            budget[1] -= s.length();
            if (budget[1] < 0) {
                return false;
            }
            (field(s) ? split.fields() : split.text()).add(s);
        } else if (node instanceof Number || node instanceof Boolean) {
            split.fields().add(node);
        } else if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                budget[1] -= key.length();
                split.text().add(key); // names of fields may be chosen by whoever wrote the record
                if (!walk(e.getValue(), depth + 1, split, budget)) {
                    return false;
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object child : list) {
                if (!walk(child, depth + 1, split, budget)) {
                    return false;
                }
            }
        } else if (node != null) {
            split.text().add(String.valueOf(node)); // dates and other scalars YAML types itself
        }
        return true;
    }

    private static Object parse(String text, int maxChars) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > maxChars) {
            return null;
        }
        try {
            return (t.startsWith("{") || t.startsWith("[")) ? JSON.readValue(t, Object.class)
                    : YAML.readValue(t, Object.class);
        } catch (JsonProcessingException | RuntimeException notRecords) {
            return null; // prose, or a format we do not read: the whole output is text
        }
    }

    private static ObjectMapper yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10); // no alias bombs
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }
}
