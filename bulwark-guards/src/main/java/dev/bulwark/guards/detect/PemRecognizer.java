package dev.bulwark.guards.detect;

import dev.bulwark.spi.guard.Finding;
import java.util.List;

/**
 * PEM private keys, found on the whole original text (a key is longer than a matching chunk's overlap). The finding
 * runs from the BEGIN line to the matching END line; without an END line within {@link #MAX_KEY} characters, it runs
 * to that bound or the end of the text, so a truncated key is still covered.
 */
final class PemRecognizer {
    static final int MAX_KEY = 16_384;
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";

    private PemRecognizer() {}

    static void recognize(String text, List<Finding> out) {
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                return;
            }
            // the label ends within 80 characters; a bounded search keeps many stray BEGINs linear
            int labelEnd = text.substring(begin + BEGIN.length(), Math.min(text.length(), begin + 85)).indexOf("-----");
            labelEnd = labelEnd < 0 ? -1 : labelEnd + begin + BEGIN.length();
            if (labelEnd < 0 || labelEnd - begin > 80) {
                from = begin + BEGIN.length();
                continue;
            }
            String label = text.substring(begin + BEGIN.length(), labelEnd);
            if (!label.contains("PRIVATE KEY")) {
                from = labelEnd;
                continue;
            }
            int limit = Math.min(text.length(), begin + MAX_KEY);
            int end = text.indexOf(END + label + "-----", labelEnd);
            int stop = end >= 0 && end < limit ? end + END.length() + label.length() + 5 : limit;
            out.add(new Finding("PRIVATE_KEY", begin, stop, 1.0, "pem-private-key"));
            from = stop;
        }
    }
}
