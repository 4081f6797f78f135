package dev.bulwark.documents.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkKeysTest {
    @TempDir
    Path directory;

    @Test
    void associatedDataBindsTheCiphertext() throws Exception {
        ChunkKeys keys = ChunkKeys.openOrCreate(directory.resolve("keyset.json"));
        byte[] sealed = keys.encrypt("text".getBytes(StandardCharsets.UTF_8), "doc-a/0".getBytes(StandardCharsets.UTF_8));

        assertThat(keys.decrypt(sealed, "doc-a/0".getBytes(StandardCharsets.UTF_8))).asString().isEqualTo("text");
        assertThatThrownBy(() -> keys.decrypt(sealed, "doc-b/0".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ChunkDecryptionException.class);
        assertThat(ChunkKeys.keyIdOf(sealed)).isEqualTo(keys.primaryKeyId());
        assertThat(ChunkKeys.keyIdOf(new byte[] {0, 1, 2, 3, 4, 5})).isEqualTo(-1);
    }

    @Test
    void rotationPersistsAndOldCiphertextStillDecrypts() throws Exception {
        Path file = directory.resolve("keyset.json");
        ChunkKeys keys = ChunkKeys.openOrCreate(file);
        byte[] ad = new byte[] {7};
        byte[] old = keys.encrypt(new byte[] {1, 2, 3}, ad);
        int first = keys.primaryKeyId();

        int second = keys.rotate();
        ChunkKeys reopened = ChunkKeys.openOrCreate(file);

        assertThat(second).isNotEqualTo(first);
        assertThat(reopened.primaryKeyId()).isEqualTo(second);
        assertThat(reopened.keyCount()).isEqualTo(2);
        assertThat(reopened.decrypt(old, ad)).containsExactly(1, 2, 3);
        assertThat(ChunkKeys.keyIdOf(reopened.encrypt(new byte[] {9}, ad))).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void refusesAKeysetFileThatIsNotATinkKeyset() throws Exception {
        Path file = directory.resolve("keyset.json");
        Files.writeString(file, "{\"primaryKeyId\": 1, \"key\": []}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> ChunkKeys.openOrCreate(file)).hasMessageContaining("not a valid Tink AEAD key set");
    }
}
