package dev.bulwark.files;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A path inside a root, as the components to open one after the other. Only the canonical spelling is accepted, so
 * the path policy sees ({@code context.arguments.path}) is the file opened: no absolute paths, no {@code .} or
 * {@code ..}, no empty components (so no {@code //} and no trailing {@code /}), no backslashes, control or format
 * characters (bidi overrides, zero-width), and every component must equal its NFKC normal form — which refuses
 * fullwidth {@code ．．} and {@code ／}, the two-dot leader {@code ‥}, decomposed accents and other spellings that a
 * normalising layer could turn into something else.
 *
 * @param components the names, in order; empty for the root itself
 */
public record RelativePath(List<String> components) {
    public static final int MAX_CHARS = 1024;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_NAME_BYTES = 255;

    public RelativePath {
        components = List.copyOf(components);
    }

    /** The root itself, for listing. */
    public static RelativePath root() {
        return new RelativePath(List.of());
    }

    public boolean isRoot() {
        return components.isEmpty();
    }

    public String name() {
        return components.getLast();
    }

    public List<String> parents() {
        return components.subList(0, components.size() - 1);
    }

    @Override
    public String toString() {
        return String.join("/", components);
    }

    public static RelativePath parse(String path) throws FileRefusedException {
        if (path == null || path.isEmpty()) {
            throw new FileRefusedException("the path is empty");
        }
        if (path.length() > MAX_CHARS) {
            throw new FileRefusedException("the path is longer than " + MAX_CHARS + " characters");
        }
        if (path.startsWith("/")) {
            throw new FileRefusedException("absolute paths are not allowed; give a path relative to the root");
        }
        List<String> out = new ArrayList<>();
        for (String component : path.split("/", -1)) {
            out.add(component(component));
        }
        if (out.size() > MAX_DEPTH) {
            throw new FileRefusedException("the path is deeper than " + MAX_DEPTH + " directories");
        }
        return new RelativePath(out);
    }

    private static String component(String name) throws FileRefusedException {
        if (name.isEmpty()) {
            throw new FileRefusedException("empty path component ('//' or a trailing '/')");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new FileRefusedException("'.' and '..' are not allowed in paths");
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            int type = Character.getType(c);
            if (c == '\\') {
                throw new FileRefusedException("backslashes are not allowed in paths");
            }
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new FileRefusedException("control, format or unassigned characters are not allowed in paths");
            }
            i += Character.charCount(c);
        }
        if (!Normalizer.normalize(name, Normalizer.Form.NFKC).equals(name)) {
            throw new FileRefusedException("path components must be in Unicode normal form NFKC (no fullwidth or "
                    + "compatibility characters, no decomposed accents)");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new FileRefusedException("a path component is longer than " + MAX_NAME_BYTES + " bytes");
        }
        return name;
    }
}
