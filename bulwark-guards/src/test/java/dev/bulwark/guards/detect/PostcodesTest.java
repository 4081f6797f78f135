package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PostcodesTest {
    private static final Pattern ZIP = Pattern.compile(AddressTails.ZIP);
    /** The postcode followed by no letter or number, as the locality and tail patterns end. */
    private static final Pattern ZIP_THEN_END = Pattern.compile(AddressTails.ZIP + "(?![\\p{L}\\p{N}])");

    /** {@code [\p{L}\p{N}]}. */
    private static boolean letterOrNumber(int cp) {
        int type = Character.getType(cp);
        return type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER
                || type >= Character.DECIMAL_DIGIT_NUMBER && type <= Character.OTHER_NUMBER;
    }

    private static List<Integer> ends(String text, int p, int to) {
        int[] ends = new int[Postcodes.ENDS];
        int n = Postcodes.ends(text, p, to, ends);
        List<Integer> list = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            list.add(ends[k]);
        }
        return list;
    }

    @Test
    void postcodesAreListedInThePatternsOrder() {
        assertThat(ends("12345-6789", 0, 10)).containsExactly(10, 5, 9, 5, 5, 4, 3);
        assertThat(ends("SW1A 1AA", 0, 8)).containsExactly(8);
        assertThat(ends("K1A 0B1", 0, 7)).containsExactly(7);
        assertThat(ends("123 45", 0, 6)).containsExactly(6, 3);
        assertThat(ends("12345-6789", 0, 7)).containsExactly(5, 5, 5, 4, 3);
    }

    @Test
    void emptyHugeAndOddTexts() {
        assertThat(ends("", 0, 0)).isEmpty();
        assertThat(ends("1".repeat(100_000), 0, 100_000)).containsExactly(5, 5, 6, 5, 4, 3);
        assertThat(ends("١٢٣٤٥", 0, 5)).isEmpty();
        assertThat(ends("１２３４５", 0, 5)).isEmpty();
        assertThat(ends("Ｋ1A 0B1", 0, 7)).isEmpty();
    }

    /**
     * Every end listed is one where the pattern matches exactly, every such end is listed, and the first end not
     * followed by a letter or number is where the pattern followed by that lookahead ends.
     */
    @Test
    void agreesWithThePatternOnGeneratedTexts() {
        String pieces = "0123456789 -ABKSWNxé\uD835\uDC00²Ⅻ";
        Random random = new Random(71);
        int matches = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                text.append(pieces.charAt(random.nextInt(pieces.length())));
            }
            String t = text.toString();
            int to = random.nextInt(4) == 0 ? random.nextInt(t.length() + 1) : t.length();
            for (int p = 0; p <= to; p++) {
                List<Integer> listed = ends(t, p, to);
                for (int e = p; e <= to; e++) {
                    boolean exact = ZIP.matcher(t).region(p, e).matches();
                    assertThat(listed.contains(e)).as("%s from %d to %d", t, p, e).isEqualTo(exact);
                }
                var m = ZIP_THEN_END.matcher(t).region(p, to);
                int expected = m.lookingAt() ? m.end() : -1;
                matches += expected >= 0 ? 1 : 0;
                int first = -1;
                for (int e : listed) {
                    int cp = e < to ? t.codePointAt(e) : 0;
                    if (e >= to || !letterOrNumber(cp) || e + Character.charCount(cp) > to) {
                        first = e;
                        break;
                    }
                }
                assertThat(first).as("%s at %d to %d", t, p, to).isEqualTo(expected);
            }
        }
        assertThat(matches).isGreaterThan(3_000);
    }
}
