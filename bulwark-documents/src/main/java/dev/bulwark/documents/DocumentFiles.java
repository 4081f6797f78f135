package dev.bulwark.documents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads documents from a file or a directory tree for the CLI. Symbolic links are not followed (a link could lead
 * outside the tree); files are typed by extension ({@code .txt}, {@code .md}, {@code .markdown}, {@code .html},
 * {@code .htm}); over-large files are refused before they are read.
 */
final class DocumentFiles {
    private DocumentFiles() {}

    static List<IngestOutcome> ingest(DocumentIngestor ingestor, Path root, DocumentTemplate template,
                                      int maxBytes) throws IOException, IngestException {
        List<Path> files;
        if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
            files = List.of(root);
        } else if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            }
        } else {
            throw new IOException(root + " is neither a regular file nor a directory");
        }
        Path base = Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) ? root : root.getParent();
        List<IngestOutcome> refused = new ArrayList<>();
        List<IngestRequest> accepted = new ArrayList<>();
        for (Path file : files) {
            String relative = base == null ? file.getFileName().toString()
                    : base.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            String sourceId = sourceId(template.sourcePrefix() + relative);
            Optional<MediaType> type = typeOf(file);
            if (type.isEmpty()) {
                refused.add(new IngestOutcome.Refused(sourceId, IngestException.Reason.UNSUPPORTED_TYPE,
                        relative + ": unsupported file type (expected .txt, .md, .markdown, .html or .htm)"));
            } else if (Files.size(file) > maxBytes) {
                refused.add(new IngestOutcome.Refused(sourceId, IngestException.Reason.TOO_LARGE,
                        relative + " has " + Files.size(file) + " bytes; the limit is " + maxBytes));
            } else {
                Map<String, String> metadata = new HashMap<>(template.metadata());
                metadata.put("path", relative);
                accepted.add(new IngestRequest(sourceId, file.getFileName().toString(), Files.readAllBytes(file),
                        type.get(), metadata, template.acl(), template.owner(), template.integrity(),
                        template.confidentiality()));
            }
        }
        List<IngestOutcome> outcomes = new ArrayList<>(refused);
        outcomes.addAll(ingestor.ingestAll(accepted));
        return outcomes;
    }

    static Optional<MediaType> typeOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt") || name.endsWith(".text")) {
            return Optional.of(MediaType.TEXT_PLAIN);
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return Optional.of(MediaType.TEXT_MARKDOWN);
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Optional.of(MediaType.TEXT_HTML);
        }
        return Optional.empty();
    }

    /** Characters a source id may not hold become {@code _}; ids are capped at the source id length limit. */
    private static String sourceId(String raw) {
        String cleaned = raw.replaceAll("[^A-Za-z0-9._:/@+-]", "_");
        if (!Character.isLetterOrDigit(cleaned.charAt(0))) {
            cleaned = "f" + cleaned;
        }
        return cleaned.length() > 256 ? cleaned.substring(0, 256) : cleaned;
    }
}
