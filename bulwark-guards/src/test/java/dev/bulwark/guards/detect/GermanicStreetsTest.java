package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GermanicStreetsTest {
    private static final String NUM = "\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,4}[A-Za-z]?)?";
    /** The pattern {@code AddressRecognizer} had for Germanic streets. */
    static final Pattern GERMANIC = Pattern.compile(
            "(?<![\\p{L}\\p{N}.-])(?:" + NUM + "[ \\t]{1,3}+)?(?:(" + AddressRecognizer.CAP + ")[ \\t-]{1,3}+)?"
                    + "([\\p{L}][\\p{L}\\p{M}.-]{0,40}+)[ \\t]{1,3}+" + NUM + "\\.?(?![\\p{L}\\p{N}])");

    /** The street-name test {@code AddressRecognizer} had, on the pattern's groups. */
    private static boolean streetNamed(Matcher m) {
        String name = WordLists.fold(m.group(2));
        boolean capital = Character.isUpperCase(m.group(2).codePointAt(0));
        if (m.group(1) != null && AddressRecognizer.STREET_WORDS.contains(name)) {
            return true;
        }
        if (!capital) {
            return false;
        }
        for (String ending : AddressRecognizer.STREET_ENDINGS) {
            if (name.length() >= ending.length() + 3 && name.endsWith(ending) || name.equals(ending)) {
                return true;
            }
        }
        return false;
    }

    private static int end(String text, int i) {
        GermanicStreets.Match m = GermanicStreets.match(text, i);
        return m == null ? -1 : m.end();
    }

    @Test
    void aStreetNameAndAHouseNumber() {
        assertThat(end("Hauptstraße 5, Berlin", 0)).isEqualTo(13);
        assertThat(end("12 Alte Poststrasse 3a.", 0)).isEqualTo(23);
        GermanicStreets.Match m = GermanicStreets.match("Erzsébet tér 19", 0);
        assertThat(m.capitalised()).isTrue();
        assertThat(m.nameStart()).isEqualTo(9);
        assertThat(m.nameEnd()).isEqualTo(12);
    }

    @Test
    void theSecondNumberKeepsItsSlashPieceOnlyWhenItFits() {
        assertThat(end("Ringweg 12/3b", 0)).isEqualTo(13);
        // Five digits after the slash do not fit; the match ends before the slash.
        assertThat(end("Ringweg 12/34567", 0)).isEqualTo(10);
        assertThat(end("Ringweg 12-x", 0)).isEqualTo(10);
        assertThat(end("Ringweg 12.b", 0)).isEqualTo(10);
    }

    @Test
    void refusesWhatThePatternRefuses() {
        assertThat(end("Ringweg 1234567", 0)).isEqualTo(-1);
        assertThat(end("Ringweg 12b4", 0)).isEqualTo(-1);
        assertThat(end("xRingweg 12", 1)).isEqualTo(-1);
        assertThat(end("-Ringweg 12", 1)).isEqualTo(-1);
        assertThat(end("Ringweg    12", 0)).isEqualTo(-1);
        assertThat(end("Ringweg, 12", 0)).isEqualTo(-1);
    }

    @Test
    void emptyHugeAndOddTexts() {
        assertThat(GermanicStreets.match("", 0)).isNull();
        assertThat(GermanicStreets.match("12", 0)).isNull();
        assertThat(end("a".repeat(100_000) + " 4", 0)).isEqualTo(-1);
        // A surrogate before the start never blocks it; a name is at most 41 letters, those outside the BMP
        // counted once.
        assertThat(end("\uD835\uDC00Ringweg 4", 2)).isEqualTo(11);
        assertThat(end("\uD835\uDC00".repeat(42) + " 4", 0)).isEqualTo(-1);
        assertThat(end("\uD835\uDC00".repeat(42) + " 4", 2)).isEqualTo(86);
        assertThat(end("Ring\u0301weg 4\u0301", 0)).isEqualTo(10);
        assertThat(end("Dıyarbakır 4١", 0)).isEqualTo(-1);
        assertThat(end("שלום 4", 0)).isEqualTo(6);
        assertThat(end("Ringweg ４", 0)).isEqualTo(-1);
    }

    @Test
    void agreesWithThePatternOnGeneratedTexts() {
        String[] numbers = {"1", "12", "123456", "1234567", "4b", "12ab", "3/5", "3-14", "3/12345", "7-x", "5/6c", "١",
                "１", "9.", "9.5"};
        String[] blanks = {" ", " ", " ", "  ", "   ", "    ", "\t", " \t", "", "-", " - ", "--", ", ", "\n"};
        String[] words = {"Hauptstraße", "Poststrasse", "Alte", "alte", "Karl-Marx-Allee", "Erzsébet", "tér", "u.",
                "Wesselényi", "Ringweg", "St.", "x", "A".repeat(29), "b".repeat(31), "C".repeat(41), "D".repeat(40),
                "O'Neil", "d’Orsay", "é", "Élan", "Mai\u0301n", "\u0301x", "\uD835\uDC00", "\uD835\uDC1Ab", "\uD835",
                "\uDC00", "ı", "İzmir", "שלום", "a-b", ".", "Ⅻ", "ǅ", "Straße", "utca", "gatan", "Vägen", "Ｒing"};
        String[] edges = {"", "", "", " ", ".", ",", "_", "-", "x", "é", "5", ".5", "١", "²", "\uD835\uDC00", "\n",
                "'"};
        Random random = new Random(33);
        int matches = 0;
        int named = 0;
        for (int n = 0; n < 60_000; n++) {
            StringBuilder text = new StringBuilder(pick(random, edges));
            if (random.nextBoolean()) {
                text.append(pick(random, numbers)).append(pick(random, blanks));
            }
            for (int w = random.nextInt(3); w >= 0; w--) {
                text.append(pick(random, words)).append(random.nextInt(3) == 0 ? pick(random, blanks) : " ");
            }
            text.append(pick(random, numbers)).append(pick(random, edges));
            String t = text.toString();
            Matcher m = GERMANIC.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            for (int i = 0; i <= t.length(); i++) {
                GermanicStreets.Match g = GermanicStreets.match(t, i);
                if (!m.region(i, t.length()).lookingAt()) {
                    assertThat(g).as("%s at %d", t, i).isNull();
                    continue;
                }
                matches++;
                assertThat(g).as("%s at %d", t, i)
                        .isEqualTo(new GermanicStreets.Match(m.end(), m.group(1) != null, m.start(2), m.end(2)));
                boolean expected = streetNamed(m);
                named += expected ? 1 : 0;
                assertThat(StreetNames.named(t, g.nameStart(), g.nameEnd(), g.capitalised())).as("%s at %d", t, i)
                        .isEqualTo(expected);
            }
        }
        // The generated texts reach the pattern's matches and street names, not only its refusals.
        assertThat(matches).isGreaterThan(10_000);
        assertThat(named).isGreaterThan(2_000);
    }

    private static String pick(Random random, String[] pieces) {
        return pieces[random.nextInt(pieces.length)];
    }
}
