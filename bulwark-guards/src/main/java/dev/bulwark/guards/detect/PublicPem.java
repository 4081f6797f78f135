package dev.bulwark.guards.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * PEM blocks that hold no private key (public keys, certificates, requests): their base64 bodies are public data,
 * not random secrets.
 */
final class PublicPem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";

    private PublicPem() {}

    /** {@code [start, end)} of each such block; a block without its END line runs to the end of the text. */
    static List<int[]> blocks(String text) {
        List<int[]> out = List.of();
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                return out;
            }
            // the label ends within 80 characters; a bounded search keeps many stray BEGINs linear
            int labelEnd = text.substring(begin + BEGIN.length(), Math.min(text.length(), begin + 85)).indexOf("-----");
            labelEnd = labelEnd < 0 ? -1 : labelEnd + begin + BEGIN.length();
            if (labelEnd < 0 || labelEnd - begin > 80) {
                from = begin + BEGIN.length();
                continue;
            }
            String label = text.substring(begin + BEGIN.length(), labelEnd);
            int end = text.indexOf(END + label, labelEnd);
            int stop = end < 0 ? text.length() : end + END.length() + label.length();
            if (!label.contains("PRIVATE")) {
                if (out.isEmpty()) {
                    out = new ArrayList<>();
                }
                out.add(new int[] {begin, stop});
            }
            from = Math.max(stop, labelEnd);
        }
    }

    static boolean inside(List<int[]> blocks, int index) {
        for (int[] b : blocks) {
            if (index >= b[0] && index < b[1]) {
                return true;
            }
        }
        return false;
    }
}
