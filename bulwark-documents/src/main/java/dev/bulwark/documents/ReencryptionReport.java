package dev.bulwark.documents;

import dev.bulwark.spi.Checks;
import java.util.List;

/**
 * The outcome of re-encrypting stored chunks under the primary key.
 *
 * @param rewritten chunks now sealed by the primary key
 * @param unchanged chunks that already were
 * @param failed    ids ({@code document#ordinal}) of chunks whose ciphertext did not authenticate; left untouched
 */
public record ReencryptionReport(int rewritten, int unchanged, List<String> failed) {
    public ReencryptionReport {
        if (rewritten < 0 || unchanged < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        failed = List.copyOf(Checks.present(failed, "failed"));
    }
}
