package dev.bulwark.documents;

import static dev.bulwark.documents.Fixtures.agent;
import static dev.bulwark.documents.Fixtures.principals;
import static dev.bulwark.documents.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.documents.crypto.ChunkKeys;
import dev.bulwark.documents.index.StoredChunk;
import dev.bulwark.documents.ingest.ChunkPayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionAtRestTest {
    private static final String CANARY_SENTENCE = "The vault combination is quokka seventeen marmalade";
    private static final String CANARY_TITLE = "Zanzibar-Title-Canary";
    private static final String CANARY_METADATA = "metadata-canary-wombat";

    @TempDir
    Path directory;
    LuceneDocumentStore store;
    DocumentIngestor ingestor;

    @BeforeEach
    void open() throws Exception {
        store = Fixtures.openStore(directory);
        ingestor = new DocumentIngestor(store, List.of());
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private void ingestCanary() throws Exception {
        ingestor.ingest(new IngestRequest("vault", CANARY_TITLE,
                (CANARY_SENTENCE + ".").getBytes(StandardCharsets.UTF_8), MediaType.TEXT_PLAIN,
                Map.of("note", CANARY_METADATA), principals("agent:alice"), Optional.empty(), Integrity.TRUSTED,
                Confidentiality.SECRET));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private List<Path> indexFiles() throws Exception {
        try (Stream<Path> files = Files.list(store.config().indexDirectory())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void storedFieldsHoldOnlyCiphertextAndTheTextDecryptsBack() throws Exception {
        ingestCanary();

        List<StoredChunk> stored = store.index().chunksWhere(c -> true);
        assertThat(stored).hasSize(1);
        byte[] ciphertext = stored.getFirst().ciphertext();
        for (String canary : List.of(CANARY_SENTENCE, "quokka", CANARY_TITLE, CANARY_METADATA)) {
            assertThat(contains(ciphertext, canary.getBytes(StandardCharsets.UTF_8))).as(canary).isFalse();
        }
        byte[] plaintext = store.keys().decrypt(ciphertext, ChunkPayload.associatedData("vault", 0));
        assertThat(ChunkPayload.fromBytes(plaintext).text()).isEqualTo(CANARY_SENTENCE + ".");
        assertThat(store.search(agent("alice"), "quokka", 5).chunks().getFirst().title()).isEqualTo(CANARY_TITLE);
    }

    @Test
    void indexFilesHoldTermsButNeverTheTextTitleOrMetadata() throws Exception {
        ingestCanary();
        store.close();
        store = Fixtures.openStore(directory);

        for (Path file : indexFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            for (String canary : List.of(CANARY_SENTENCE, "combination is quokka", CANARY_TITLE, CANARY_METADATA)) {
                assertThat(contains(bytes, canary.getBytes(StandardCharsets.UTF_8)))
                        .as(canary + " in " + file.getFileName()).isFalse();
            }
            if (file.getFileName().toString().endsWith(".fdt")) {
                assertThat(contains(bytes, "quokka".getBytes(StandardCharsets.UTF_8))).as("term in stored fields")
                        .isFalse();
            }
        }
    }

    @Test
    void rotationKeepsOldChunksReadableAndReencryptionMovesThemToTheNewKey() throws Exception {
        ingestor.ingest(text("before", "written before rotation about pelicans", principals("agent:alice")));
        int oldKey = store.keys().primaryKeyId();
        int newKey = store.rotateKey();
        ingestor.ingest(text("after", "written after rotation about pelicans", principals("agent:alice")));

        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(store.search(agent("alice"), "pelicans", 10).chunks()).hasSize(2);
        assertThat(keyIds()).containsExactlyInAnyOrder(oldKey, newKey);

        ReencryptionReport report = store.reencrypt();

        assertThat(report.rewritten()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.failed()).isEmpty();
        assertThat(keyIds()).containsOnly(newKey);
        store.close();
        store = Fixtures.openStore(directory);
        assertThat(store.keys().keyCount()).isEqualTo(2);
        assertThat(store.search(agent("alice"), "pelicans", 10).chunks()).extracting(RetrievedChunk::text)
                .containsExactlyInAnyOrder("written before rotation about pelicans",
                        "written after rotation about pelicans");
    }

    private List<Integer> keyIds() throws Exception {
        return store.index().chunksWhere(c -> true).stream().map(c -> ChunkKeys.keyIdOf(c.ciphertext())).toList();
    }

    @Test
    void swappedCiphertextIsWithheldNeverReturned() throws Exception {
        ingestor.ingest(text("public-memo", "memo about parking", principals("agent:alice")));
        ingestor.ingest(text("secret-memo", "memo about layoffs", principals("agent:ceo")));
        StoredChunk secret = store.index().chunksWhere(c -> c.documentId().equals("secret-memo")).getFirst();
        StoredChunk memo = store.index().chunksWhere(c -> c.documentId().equals("public-memo")).getFirst();
        store.index().replaceChunk(memo.withCiphertext(secret.ciphertext(), "memo about parking"));
        store.commit();

        SearchOutcome outcome = store.search(agent("alice"), "memo parking", 10);

        assertThat(outcome.chunks()).isEmpty();
        assertThat(outcome.withheld()).singleElement()
                .satisfies(w -> assertThat(w.documentId()).isEqualTo("public-memo"));
        assertThat(DocumentsConnector.render(outcome)).doesNotContain("layoffs").contains("withheld");
    }

    @Test
    void flippedCiphertextByteIsDetected() throws Exception {
        ingestor.ingest(text("memo", "memo about the picnic", principals("agent:alice")));
        StoredChunk chunk = store.index().chunksWhere(c -> true).getFirst();
        for (int position : new int[] {0, 3, 5, 20, chunk.ciphertext().length - 1}) {
            byte[] tampered = chunk.ciphertext().clone();
            tampered[position] ^= 0x01;
            store.index().replaceChunk(chunk.withCiphertext(tampered, "memo about the picnic"));
            store.commit();

            SearchOutcome outcome = store.search(agent("alice"), "picnic", 10);

            assertThat(outcome.chunks()).as("flipped byte " + position).isEmpty();
            assertThat(outcome.withheld()).hasSize(1);
        }
        store.rotateKey();
        assertThat(store.reencrypt().failed()).containsExactly("memo#0");
    }

    @Test
    void everySingleByteFlipInTheStoredFieldsFileIsDetectedOrHarmless() throws Exception {
        String secretText = "memo about the acquisition of Initech";
        ingestor.ingest(text("memo", secretText, principals("agent:alice")));
        store.close();
        Path fdt = indexFiles().stream().filter(p -> p.toString().endsWith(".fdt")).findFirst().orElseThrow();
        byte[] pristine = Files.readAllBytes(fdt);
        int withheld = 0;
        int refusedByLucene = 0;
        for (int position = 0; position < pristine.length; position++) {
            byte[] corrupted = pristine.clone();
            corrupted[position] ^= 0x04;
            Files.write(fdt, corrupted);
            try (LuceneDocumentStore reopened = Fixtures.openStore(directory)) {
                SearchOutcome outcome = reopened.search(agent("alice"), "acquisition", 10);
                assertThat(outcome.chunks()).as("flip at " + position).allSatisfy(
                        chunk -> assertThat(chunk.text()).isEqualTo(secretText));
                withheld += outcome.withheld().size();
            } catch (java.io.IOException | RuntimeException | AssertionError e) {
                // Lucene's own decoding refused the damaged block (AssertionError: tests run with -ea).
                refusedByLucene++;
            }
        }
        Files.write(fdt, pristine);
        store = Fixtures.openStore(directory);

        assertThat(withheld).as("flips caught by AES-GCM authentication").isGreaterThan(10);
        assertThat(withheld + refusedByLucene).isPositive();
        assertThat(store.search(agent("alice"), "acquisition", 10).chunks()).singleElement()
                .satisfies(chunk -> assertThat(chunk.text()).isEqualTo(secretText));
    }

    @Test
    void chunkUnderAKeyMissingFromTheKeySetIsWithheld() throws Exception {
        ingestor.ingest(text("memo", "memo about ferrets", principals("agent:alice")));
        store.close();
        Files.delete(DocumentsConfig.defaults(directory).keysetFile());
        store = Fixtures.openStore(directory);

        SearchOutcome outcome = store.search(agent("alice"), "ferrets", 10);

        assertThat(outcome.chunks()).isEmpty();
        assertThat(outcome.withheld()).hasSize(1);
    }

    @Test
    void keysetFileIsOwnerOnlyAndAWorldReadableOneIsRefused() throws Exception {
        Path keyset = store.config().keysetFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
        store.close();
        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> Fixtures.openStore(directory)).hasMessageContaining("chmod 600");

        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-------"));
        store = Fixtures.openStore(directory);
    }
}
