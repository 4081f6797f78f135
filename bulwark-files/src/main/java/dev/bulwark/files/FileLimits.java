package dev.bulwark.files;

/**
 * Bounds of one file call.
 *
 * @param maxReadBytes   bytes of a file returned; a longer file is cut off and the result says so
 * @param maxWriteBytes  largest content {@code fs.write} accepts
 * @param maxListEntries entries {@code fs.list} returns; more are counted, not listed
 */
public record FileLimits(int maxReadBytes, int maxWriteBytes, int maxListEntries) {
    public FileLimits {
        if (maxReadBytes < 1 || maxReadBytes > 64 * 1024 * 1024 || maxWriteBytes < 0
                || maxWriteBytes > 64 * 1024 * 1024 || maxListEntries < 1 || maxListEntries > 100_000) {
            throw new IllegalArgumentException("file limits out of range (bytes up to 64 MiB, entries up to 100000)");
        }
    }

    public static FileLimits defaults() {
        return new FileLimits(1024 * 1024, 1024 * 1024, 1000);
    }
}
