package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one PostgreSQL database, many requests at once presenting one code or one refresh token: at most one
 * is served, and since the others are reuse, the login's family is revoked, so whatever was served no longer works.
 * The database's conditional update decides, not any replica's memory.
 */
class CodeRedemptionReplicasTest {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();
    @TempDir
    Path dir;

    /** Replica A is the fixture's endpoint; replica B is a second endpoint with its own stores on the same database. */
    private static TokenEndpoint replicaB(CodeFlowFixture a) {
        Fixture f = a.f;
        SqlOAuthClients clients = new SqlOAuthClients(f.dataSource, f.clock);
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow(clients, f.agents, f.users, f.dataSource, f.settings,
                Duration.ofSeconds(60), f.clock);
        CodeGrants grants = new CodeGrants(flow, clients, f.agents, f.users, f.revocations, f.dataSource, f.settings,
                Duration.ofHours(12), f.clock);
        return new TokenEndpoint(f.keys, f.settings, f.agents, f.users, f.revocations, f.clock, Optional.of(grants));
    }

    private static List<TokenResponse.Issued> issuedAmong(List<Callable<TokenResponse>> attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TokenResponse>> results = new ArrayList<>();
        for (Callable<TokenResponse> attempt : attempts) {
            results.add(pool.submit(() -> {
                start.await();
                return attempt.call();
            }));
        }
        start.countDown();
        List<TokenResponse.Issued> issued = new ArrayList<>();
        for (Future<TokenResponse> r : results) {
            TokenResponse response = r.get();
            if (response instanceof TokenResponse.Issued i) {
                issued.add(i);
            } else {
                assertThat(((TokenResponse.Failed) response).error()).isEqualTo(OAuthError.INVALID_GRANT);
            }
        }
        pool.shutdown();
        return issued;
    }

    @Test
    void oneCodePresentedEightTimesAtOnceOnTwoReplicasIsRedeemedOnceAndItsTokensDie() throws Exception {
        CodeFlowFixture a = new CodeFlowFixture(new Fixture(dir, postgres.freshDatabase("codes")));
        TokenEndpoint b = replicaB(a);
        String code = a.code();
        List<Callable<TokenResponse>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TokenEndpoint replica = i % 2 == 0 ? a.endpoint : b;
            attempts.add(() -> replica.handle(redeemRequest(a, code)));
        }
        List<TokenResponse.Issued> issued = issuedAmong(attempts);
        assertThat(issued).hasSize(1);
        assertRevoked(a, issued);
    }

    private static void assertRevoked(CodeFlowFixture a, List<TokenResponse.Issued> issued) {
        for (TokenResponse.Issued i : issued) {
            assertThat(a.f.authenticator.authenticate(i.accessToken()))
                    .isInstanceOf(dev.bulwark.spi.identity.Authentication.Rejected.class);
        }
    }

    @Test
    void oneRefreshTokenPresentedEightTimesAtOnceOnTwoReplicasIsRotatedAtMostOnceAndItsFamilyDies() throws Exception {
        CodeFlowFixture a = new CodeFlowFixture(new Fixture(dir, postgres.freshDatabase("refresh")));
        TokenEndpoint b = replicaB(a);
        var first = (TokenResponse.Issued) a.redeem(a.code(), a.client.clientId(), CodeFlowFixture.REDIRECT,
                CodeFlowFixture.VERIFIER);
        String refresh = first.refreshToken().orElseThrow();
        List<Callable<TokenResponse>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TokenEndpoint replica = i % 2 == 0 ? a.endpoint : b;
            attempts.add(() -> replica.handle(new TokenRequest(java.util.Map.of(
                    "grant_type", List.of("refresh_token"), "refresh_token", List.of(refresh),
                    "client_id", List.of(a.client.clientId())), Optional.empty())));
        }
        List<TokenResponse.Issued> issued = issuedAmong(attempts);
        assertThat(issued).hasSizeLessThanOrEqualTo(1);
        assertRevoked(a, issued);
        assertThat(a.f.authenticator.authenticate(first.accessToken()))
                .isInstanceOf(dev.bulwark.spi.identity.Authentication.Rejected.class);
    }

    private static TokenRequest redeemRequest(CodeFlowFixture a, String code) {
        return new TokenRequest(java.util.Map.of("grant_type", List.of("authorization_code"), "code", List.of(code),
                "client_id", List.of(a.client.clientId()), "redirect_uri", List.of(CodeFlowFixture.REDIRECT),
                "code_verifier", List.of(CodeFlowFixture.VERIFIER)), Optional.empty());
    }
}
