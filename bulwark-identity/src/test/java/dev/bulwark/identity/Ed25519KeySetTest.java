package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519KeySetTest {
    @TempDir
    Path dir;

    @Test
    void createsAnOwnerOnlyKeyFileAndReloadsTheSameKeys() throws Exception {
        Path file = dir.resolve("data/signing-keys.json");
        Ed25519KeySet created = Ed25519KeySet.openOrCreate(file);

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Ed25519KeySet reloaded = Ed25519KeySet.openOrCreate(file);
        assertThat(reloaded.keyIds()).isEqualTo(created.keyIds());
        byte[] input = "x".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = Ed25519KeySet.sign(created.signingKey().privateKey(), input);
        assertThat(Ed25519KeySet.verify(reloaded.signingKey().publicKey(), input, sig)).isTrue();
    }

    @Test
    void rotationMakesTheNewKeySignWhileOldKeysStillVerify() {
        Ed25519KeySet keys = Ed25519KeySet.openOrCreate(dir.resolve("k.json"));
        String first = keys.signingKeyId();

        String second = keys.rotate();

        assertThat(keys.signingKeyId()).isEqualTo(second).isNotEqualTo(first);
        assertThat(keys.keyIds()).containsExactly(second, first);
        assertThat(keys.key(first)).isPresent();
        assertThat(Ed25519KeySet.openOrCreate(dir.resolve("k.json")).keyIds()).containsExactly(second, first);
    }

    @Test
    void retiresOnlyKeysThatNoLongerSign() {
        Ed25519KeySet keys = Ed25519KeySet.openOrCreate(dir.resolve("k.json"));
        String first = keys.signingKeyId();
        keys.rotate();

        assertThatThrownBy(() -> keys.retire(keys.signingKeyId())).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.retire(first)).isTrue();
        assertThat(keys.retire(first)).isFalse();
        assertThat(keys.key(first)).isEmpty();
    }

    @Test
    void publishesOnlyPublicKeys() throws Exception {
        Ed25519KeySet keys = Ed25519KeySet.openOrCreate(dir.resolve("k.json"));
        keys.rotate();

        String jwks = keys.publicJwksJson();

        JWKSet parsed = JWKSet.parse(jwks);
        assertThat(parsed.getKeys()).hasSize(2);
        assertThat(parsed.getKeys()).allSatisfy(k -> {
            assertThat(k.isPrivate()).isFalse();
            assertThat(((OctetKeyPair) k).getCurve().getName()).isEqualTo("Ed25519");
            assertThat(k.getAlgorithm().getName()).isEqualTo("EdDSA");
        });
        assertThat(jwks).doesNotContain("\"d\"");
        assertThat(Set.copyOf(parsed.getKeys().stream().map(k -> k.getKeyID()).toList()))
                .isEqualTo(Set.copyOf(keys.keyIds()));
    }

    @Test
    void refusesCorruptOrForeignKeyFiles() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "not json");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"keys\":[]}");
        Path publicOnly = Files.writeString(dir.resolve("public.json"),
                Ed25519KeySet.openOrCreate(dir.resolve("k.json")).publicJwksJson());

        for (Path p : new Path[] {garbage, empty, publicOnly}) {
            assertThatThrownBy(() -> Ed25519KeySet.openOrCreate(p)).isInstanceOf(IllegalStateException.class);
        }
    }
}
