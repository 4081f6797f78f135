package dev.bulwark.guards.detect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What decoded bytes are: text (strict UTF-8 with few control characters), a private key in a binary container
 * (DER {@code SEQUENCE} starting with a small version {@code INTEGER}, as PKCS#1, PKCS#8 and SEC1 keys do; OpenSSH's
 * {@code openssh-key-v1} format), or structured binary that is not a secret (a DER structure of consistent length such
 * as a public key or certificate, an SSH wire-format public key, a file with a known signature).
 */
final class DecodedBytes {
    private static final byte[][] FILE_SIGNATURES = {
        {(byte) 0x89, 'P', 'N', 'G'}, {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, {'G', 'I', 'F', '8'},
        {'%', 'P', 'D', 'F'}, {'P', 'K', 3, 4}, {0x1F, (byte) 0x8B}, {'R', 'I', 'F', 'F'}, {'B', 'M'},
        {0, 0, 1, 0}, {'I', 'I', '*', 0}, {'M', 'M', 0, '*'}, {'<', '?', 'x', 'm'}, {'w', 'O', 'F'}};
    private static final byte[] OPENSSH = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private DecodedBytes() {}

    /** The bytes as text when they are strict UTF-8 with at most 2 % control characters (tab and newlines allowed). */
    static String text(byte[] bytes, int length) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        int control = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' && c != '\n' && c != '\r' && c != '\t' || c == 0x7F) {
                control++;
            }
        }
        return control * 50 <= s.length() ? s : null;
    }

    static boolean privateKey(byte[] b, int length) {
        if (startsWith(b, length, OPENSSH)) {
            return true;
        }
        int body = derBody(b, length);
        // SEQUENCE { INTEGER 0 | 1, ... }: RSAPrivateKey, PrivateKeyInfo, OneAsymmetricKey, ECPrivateKey
        return body > 0 && body + 3 <= length && b[body] == 0x02 && b[body + 1] == 1 && (b[body + 2] == 0
                || b[body + 2] == 1);
    }

    /** Known containers that hold no secret as such: files with a signature, DER structures, SSH public keys. */
    static boolean structured(byte[] b, int length) {
        for (byte[] signature : FILE_SIGNATURES) {
            if (startsWith(b, length, signature)) {
                return true;
            }
        }
        if (derBody(b, length) > 0) {
            return true;
        }
        // SSH wire format: uint32 length, then that many printable bytes ("ssh-rsa", "ecdsa-sha2-nistp256", ...)
        if (length >= 12 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] > 3 && b[3] <= 40 && 4 + b[3] <= length) {
            for (int i = 4; i < 4 + b[3]; i++) {
                if (b[i] < '!' || b[i] > '~') {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Index of the first content byte of a DER SEQUENCE spanning exactly {@code length} bytes; -1 otherwise. */
    private static int derBody(byte[] b, int length) {
        if (length < 8 || b[0] != 0x30) {
            return -1;
        }
        int first = b[1] & 0xFF;
        int header;
        long content;
        if (first < 0x80) {
            header = 2;
            content = first;
        } else {
            int count = first & 0x7F;
            if (count < 1 || count > 3 || length < 2 + count) {
                return -1;
            }
            content = 0;
            for (int i = 0; i < count; i++) {
                content = content << 8 | (b[2 + i] & 0xFF);
            }
            header = 2 + count;
        }
        return header + content == length ? header : -1;
    }

    private static boolean startsWith(byte[] b, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
