package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlPasswordStoreTest {
    @TempDir
    Path dir;

    @Test
    void aPasswordIsStoredAsAnArgon2idHashAndVerified() throws Exception {
        Fixture f = new Fixture(dir);
        f.users.register("alice", Set.of(), Map.of());
        SqlPasswordStore passwords = new SqlPasswordStore(f.dataSource, f.users, f.clock);
        assertThat(passwords.has("alice")).isFalse();
        assertThat(passwords.verify("alice", "correct horse battery")).isFalse();
        passwords.set("alice", "correct horse battery");
        assertThat(passwords.verify("alice", "correct horse battery")).isTrue();
        assertThat(passwords.verify("alice", "correct horse batterY")).isFalse();
        assertThat(passwords.verify("bob", "correct horse battery")).isFalse();
        try (var c = f.dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT hash FROM bulwark_user_passwords")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("argon2id$v=19$m=19456,t=2,p=1$")
                    .doesNotContain("correct horse");
        }
    }

    @Test
    void shortPasswordsAndUnknownUsersAreRefused() {
        Fixture f = new Fixture(dir);
        f.users.register("alice", Set.of(), Map.of());
        SqlPasswordStore passwords = new SqlPasswordStore(f.dataSource, f.users, f.clock);
        assertThatThrownBy(() -> passwords.set("alice", "short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> passwords.set("nobody", "long enough password"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedStoredHashMatchesNothing() {
        assertThat(PasswordHash.matches("argon2id$v=19$m=1,t=1,p=1$AAAA$", "anything at all")).isFalse();
        assertThat(PasswordHash.matches("plain:secret", "secret")).isFalse();
    }
}
