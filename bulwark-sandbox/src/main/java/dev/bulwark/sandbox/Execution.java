package dev.bulwark.sandbox;

import java.util.Map;

/**
 * What one sandboxed run produced. Everything here came from inside the sandbox and is untrusted.
 *
 * @param exitCode the program's exit status (124 when the wall time ran out, 128+n when a signal n ended it)
 * @param timedOut whether the wall time ran out
 * @param stdout   standard output, cut at the output limit
 * @param stderr   standard error, cut at the output limit
 * @param files    the files asked for, by name, each cut at the output limit
 * @param missing  files asked for that did not exist as regular files
 * @param workDir  every regular file of the work directory, whole (bounded by its tmpfs size), when asked for: what a
 *                 session keeps for its next call
 * @param millis   wall time the run took, start to exit
 */
public record Execution(int exitCode, boolean timedOut, Output stdout, Output stderr, Map<String, Output> files,
                        java.util.Set<String> missing, Map<String, byte[]> workDir, long millis) {
    public Execution {
        files = Map.copyOf(files);
        workDir = Map.copyOf(workDir);
        missing = java.util.Set.copyOf(missing);
    }

    /**
     * One stream or file.
     *
     * @param bytes the bytes kept
     * @param total how large it was inside the sandbox
     */
    public record Output(byte[] bytes, long total) {
        public Output {
            bytes = bytes.clone();
            if (total < bytes.length) {
                throw new IllegalArgumentException("total below the bytes kept");
            }
        }

        public boolean cut() {
            return total > bytes.length;
        }

        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }
}
