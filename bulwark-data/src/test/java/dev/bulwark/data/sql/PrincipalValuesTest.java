package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrincipalValuesTest {
    private static Principal delegated(Map<String, String> agent, Map<String, String> user) {
        Principal p = Fixtures.agent("a1", Set.of(), agent);
        return new Principal(p.agent(), Optional.of(new User("u1", Set.of(), user)), p.tokenId(), p.scopes(),
                p.expiresAt());
    }

    @Test
    void principalAttributeIsTheIntersectionUnderDelegation() {
        Principal p = delegated(Map.of("regions", "EU, NA"), Map.of("regions", "NA,APAC"));
        assertThat(PrincipalValues.resolve(p, "principal.regions")).contains("NA");
        assertThat(PrincipalValues.resolve(p, "agent.regions")).contains("EU, NA");
        assertThat(PrincipalValues.resolve(p, "user.regions")).contains("NA,APAC");
        assertThat(PrincipalValues.resolve(p, "user.id")).contains("u1");
    }

    @Test
    void principalAttributeIsMissingWhenTheUserLacksIt() {
        assertThat(PrincipalValues.resolve(delegated(Map.of("regions", "EU"), Map.of()), "principal.regions"))
                .isEmpty();
        assertThat(PrincipalValues.resolve(Fixtures.agent("a1", Set.of(), Map.of()), "user.id")).isEmpty();
    }

    @Test
    void splitsCommaSeparatedValuesDroppingEmptyEntries() {
        assertThat(PrincipalValues.split(" EU ,, NA ,")).containsExactly("EU", "NA");
        assertThat(PrincipalValues.split(" , ")).isEmpty();
    }
}
