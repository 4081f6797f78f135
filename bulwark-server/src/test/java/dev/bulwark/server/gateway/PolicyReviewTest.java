package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.PolicyLoad;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.PolicySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's read-only policy review: files as text, validation of what is on disk without loading it. */
class PolicyReviewTest {
    @TempDir
    Path dir;

    private PolicyReview review() {
        BulwarkConfig base = BulwarkConfig.defaults();
        return new PolicyReview(new BulwarkConfig(base.dataDir(), base.server(), base.database(), base.identity(),
                new PolicySettings(dir.toString(), null, null), base.audit(), base.demo(), base.upstreams()));
    }

    @Test
    void listsCedarFilesAsTextAndSkipsOthersAndLinks() throws Exception {
        Files.writeString(dir.resolve("b.cedar"), "forbid(principal, action, resource);\n");
        Files.writeString(dir.resolve("a.cedar"), "// <script>not markup here</script>\n");
        Files.writeString(dir.resolve("notes.txt"), "not a policy");
        Path outside = Files.writeString(dir.getParent().resolve("outside-" + dir.getFileName() + ".cedar"), "x");
        Files.createSymbolicLink(dir.resolve("link.cedar"), outside);
        try {
            assertThat(review().files()).extracting(PolicyReview.PolicyFile::file).containsExactly("a.cedar", "b.cedar");
            assertThat(review().files().get(0).text()).contains("<script>");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aLargeFileIsListedWithoutItsText() throws Exception {
        Files.writeString(dir.resolve("big.cedar"), "//" + "x".repeat((int) PolicyReview.MAX_FILE_BYTES));
        PolicyReview.PolicyFile big = review().files().get(0);
        assertThat(big.text()).isNull();
        assertThat(big.bytes()).isGreaterThan(PolicyReview.MAX_FILE_BYTES);
    }

    @Test
    void validatesWhatIsOnDiskAndReportsProblemsWithTheirPlace() throws Exception {
        Files.writeString(dir.resolve("ok.cedar"), "forbid(principal, action, resource);\n");
        assertThat(review().validate()).isInstanceOfSatisfying(PolicyLoad.Loaded.class,
                ok -> assertThat(ok.policyCount()).isEqualTo(1));
        Files.writeString(dir.resolve("bad.cedar"), "permit(principal, action, resource\n");
        assertThat(review().validate()).isInstanceOfSatisfying(PolicyLoad.Rejected.class,
                bad -> assertThat(bad.problems()).isNotEmpty()
                        .allSatisfy(p -> assertThat(p.file().getFileName().toString()).isEqualTo("bad.cedar")));
    }
}
