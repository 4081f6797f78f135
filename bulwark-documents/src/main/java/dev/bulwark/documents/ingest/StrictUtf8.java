package dev.bulwark.documents.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and refuses anything else: a document in another encoding would otherwise be silently mangled into
 * replacement characters (or read differently by the index and by a human). A leading byte-order mark is dropped.
 */
public final class StrictUtf8 {
    private StrictUtf8() {}

    /** Thrown for bytes that are not UTF-8; the message names the offset of the first bad byte. */
    public static final class InvalidUtf8 extends Exception {
        public InvalidUtf8(String message) {
            super(message);
        }
    }

    public static String decode(byte[] bytes) throws InvalidUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(input).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidUtf8("content is not valid UTF-8 (first invalid byte at offset " + input.position()
                    + "); convert the document to UTF-8 before ingesting it");
        }
    }
}
