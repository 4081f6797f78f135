package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Hash masks are keyed: a guess hashed without the key never matches, and another key gives other hashes. */
class KeyedHashTest {
    @Test
    void isHmacSha256NotAPlainDigestOfTheValue() throws Exception {
        String guess = "CANARY_MAIL_1@x.test";
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(guess.getBytes(StandardCharsets.UTF_8)));
        assertThat(Fixtures.hashMask(guess)).hasSize(64).isNotEqualTo(plain);
    }

    @Test
    void dependsOnTheKey() {
        KeyedHash other = new KeyedHash(new SecretKeySpec(new byte[32], "HmacSHA256"));
        assertThat(other.hex("a@b.test")).isNotEqualTo(Fixtures.hashMask("a@b.test"));
        assertThat(Fixtures.hashMask("a@b.test")).isEqualTo(Fixtures.hashMask("a@b.test"));
    }

    @Test
    void refusesAPolicyThatHashesWithoutAKey() {
        assertThatThrownBy(() -> new RowSecurity(Fixtures.policy(), SqlDialect.SQLITE, SqlLimits.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no hash-mask key");
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new KeyedHash(new SecretKeySpec(new byte[8], "HmacSHA256")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
