package dev.bulwark.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the bootstrap wrote back (see {@link BwrapCommand#BOOTSTRAP}). The bytes come from inside the sandbox:
 * anything out of shape is refused with {@link IllegalArgumentException}, names are checked again, and the same name
 * twice is refused rather than one copy trusted.
 */
final class Framing {
    private Framing() {}

    static Execution read(byte[] data, long wallMillis, long millis) {
        Cursor c = new Cursor(data);
        String first = c.line();
        if (!first.startsWith("exit ")) {
            throw new IllegalArgumentException("no exit status");
        }
        int exit = Integer.parseInt(first.substring(5));
        Execution.Output stdout = null;
        Execution.Output stderr = null;
        Map<String, Execution.Output> files = new LinkedHashMap<>();
        Map<String, byte[]> workDir = new LinkedHashMap<>();
        Set<String> missing = new HashSet<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            String line = c.line();
            if (line.equals("end")) {
                break;
            }
            String[] parts = line.split(" ", 4);
            String name;
            Execution.Output output = null;
            if (parts[0].equals("data") && parts.length == 4) {
                int kept = Integer.parseInt(parts[1]);
                long total = Long.parseLong(parts[2]);
                name = parts[3];
                output = new Execution.Output(c.bytes(kept), total);
            } else if (parts[0].equals("missing") && parts.length == 2) {
                name = parts[1];
            } else {
                throw new IllegalArgumentException("unexpected line");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("name repeated");
            }
            switch (name) {
                case "stdout" -> stdout = output;
                case "stderr" -> stderr = output;
                default -> {
                    boolean wanted = name.startsWith("want:");
                    String file = fileName(name);
                    if (wanted && output == null) {
                        missing.add(file);
                    } else if (wanted) {
                        files.put(file, output);
                    } else if (output == null || output.cut()) {
                        throw new IllegalArgumentException("a kept file must come whole");
                    } else {
                        workDir.put(file, output.bytes());
                    }
                }
            }
        }
        if (stdout == null || stderr == null || c.hasMore()) {
            throw new IllegalArgumentException("incomplete result");
        }
        boolean timedOut = exit == 124 && millis >= wallMillis;
        return new Execution(exit, timedOut, stdout, stderr, files, missing, workDir, millis);
    }

    private static String fileName(String name) {
        if (!name.startsWith("want:") && !name.startsWith("file:")) {
            throw new IllegalArgumentException("unknown name");
        }
        String file = name.substring(5);
        if (!Language.Files.NAME.matcher(file).matches()) {
            throw new IllegalArgumentException("bad file name");
        }
        return file;
    }

    private static final class Cursor {
        private final byte[] data;
        private int at;

        Cursor(byte[] data) {
            this.data = data;
        }

        String line() {
            for (int i = at; i < data.length && i - at < 512; i++) {
                if (data[i] == '\n') {
                    String s = new String(data, at, i - at, StandardCharsets.UTF_8);
                    at = i + 1;
                    return s;
                }
            }
            throw new IllegalArgumentException("truncated");
        }

        byte[] bytes(int n) {
            if (n < 0 || n > data.length - at) {
                throw new IllegalArgumentException("truncated");
            }
            byte[] b = Arrays.copyOfRange(data, at, at + n);
            at += n;
            return b;
        }

        boolean hasMore() {
            return at < data.length;
        }
    }
}
