package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a gateway starts and serves calls, nothing in its data directory is open to other users. */
class DataDirectoryPermissionsTest {
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path root;

    @Test
    void everyDataFileIsOwnerOnlyAfterStartAndCalls() throws Exception {
        // An existing data directory left world-readable, with a stale world-readable file in it.
        Path data = Files.createDirectories(root.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path stale = Files.writeString(data.resolve("notes.txt"), "left over");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));

        try (Gateway gateway = TestGateways.start(data)) {
            String token = TestGateways.token(gateway, "support-bot", gateway.demoCredentials().supportBotKey());
            try (McpSyncClient client = TestGateways.client(gateway, token, null)) {
                for (int i = 1; i <= 3; i++) {
                    client.callTool(new McpSchema.CallToolRequest("crm.get_customer", Map.of("id", i)));
                }
                client.listTools();
            }
            List<Path> entries = everything(data);
            assertThat(entries).extracting(p -> data.relativize(p).toString())
                    .contains("audit.db", "bulwark.db", "crm.db", "keys")
                    .anyMatch(name -> name.endsWith("-wal") || name.endsWith("-journal"));
            for (Path entry : entries) {
                assertThat(Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS)).as(entry.toString())
                        .doesNotContainAnyElementsOf(OTHERS);
            }
        }
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(stale)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aSweepTightensFilesALibraryCreatedWithTheUmask() throws IOException {
        Path data = Files.createDirectories(root.resolve("d"));
        Path index = Files.createDirectories(data.resolve("documents/index"));
        Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path segment = Files.writeString(index.resolve("_0.cfs"), "x");
        Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path link = Files.createSymbolicLink(data.resolve("outside"), root.resolve("elsewhere.txt"));
        Path elsewhere = Files.writeString(root.resolve("elsewhere.txt"), "not ours");
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-r--r--"));

        Path tool = Files.writeString(data.resolve("hook.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(DataDirectory.sweep(data)).isEqualTo(5);
        assertThat(Files.getPosixFilePermissions(tool)).as("owner bits kept")
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(segment)).isEqualTo(DataDirectory.FILE);
        assertThat(Files.getPosixFilePermissions(index)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(elsewhere)).as("links are not followed")
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(DataDirectory.sweep(data)).isZero();
    }

    private static List<Path> everything(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.toList();
        }
    }
}
