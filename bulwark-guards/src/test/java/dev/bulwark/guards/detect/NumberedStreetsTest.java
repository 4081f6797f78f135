package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NumberedStreetsTest {
    private static final String WORD = "[\\p{L}][\\p{L}\\p{M}'’.-]{0,30}+";
    private static final String CAP = "\\p{Lu}[\\p{L}\\p{M}'’.-]{0,30}+";
    private static final String PARTICLE = "(?:de|da|do|dos|das|del|della|delle|dei|di|du|des|la|le|les|el|y|e|"
            + "von|van|der|den|am|an|im|na|nad|pod|sur|sous|lungo)";
    /** The pattern {@code AddressRecognizer} had for numbered streets. */
    private static final Pattern NUMBERED = Pattern.compile(
            "(?<![\\w.,-])\\d{1,6}[ \\t]{1,3}+(?:" + WORD + "[ \\t-]{1,3}+){0,3}?" + WORD + "(?:[ \\t]{1,3}+"
                    + PARTICLE + "[ \\t]{1,3}+" + CAP + ")?[ \\t]{1,3}+\\d{1,4}[A-Za-z]?(?![\\p{L}\\p{N}]|[.,]\\d)");

    @Test
    void aNumberWordsAndASecondNumber() {
        assertThat(NumberedStreets.match("12 Main 4", 0)).isEqualTo(9);
        assertThat(NumberedStreets.match("at 3 Rue de la Paix 7b.", 3)).isEqualTo(22);
        assertThat(NumberedStreets.match("3 old mill-race lane 12", 0)).isEqualTo(23);
    }

    @Test
    void takesTheFewestLeadingWordsThenTheParticle() {
        // "de Gaulle" is a particle and a capitalised word after the last word "Place".
        assertThat(NumberedStreets.match("2 Place de Gaulle 5", 0)).isEqualTo(19);
        // A particle before a lower-case word is only one of the words.
        assertThat(NumberedStreets.match("2 Place de gaulle 5", 0)).isEqualTo(19);
    }

    @Test
    void refusesWhatThePatternRefuses() {
        assertThat(NumberedStreets.match("1234567 Main 4", 0)).isEqualTo(-1);
        assertThat(NumberedStreets.match("12 Main 12345", 0)).isEqualTo(-1);
        assertThat(NumberedStreets.match("12 Main 4.5", 0)).isEqualTo(-1);
        assertThat(NumberedStreets.match("12 one two three four five 4", 0)).isEqualTo(-1);
        assertThat(NumberedStreets.match("x12 Main 4", 1)).isEqualTo(-1);
        assertThat(NumberedStreets.match("12 Main 4é", 0)).isEqualTo(-1);
        assertThat(NumberedStreets.match("12 Main 4١", 0)).isEqualTo(-1);
        assertThat(NumberedStreets.match("12    Main 4", 0)).isEqualTo(-1);
    }

    @Test
    void emptyHugeAndOddTexts() {
        assertThat(NumberedStreets.match("", 0)).isEqualTo(-1);
        assertThat(NumberedStreets.match("12", 0)).isEqualTo(-1);
        assertThat(NumberedStreets.match("12 " + "a".repeat(100_000) + " 4", 0)).isEqualTo(-1);
        // Letters outside the BMP count once toward a word's thirty letters; a combining mark is part of a word.
        assertThat(NumberedStreets.match("12 \uD835\uDC00\uD835\uDC00 4", 0)).isEqualTo(9);
        assertThat(NumberedStreets.match("12 Mai\u0301n 4", 0)).isEqualTo(10);
        assertThat(NumberedStreets.match("12 שלום 4", 0)).isEqualTo(9);
        assertThat(NumberedStreets.match("12 Dıyarbakır 4", 0)).isEqualTo(15);
    }

    @Test
    void agreesWithThePatternOnGeneratedTexts() {
        String[] numbers = {"1", "12", "123456", "1234567", "4", "4b", "4B", "12ab", "١", "１"};
        String[] blanks = {" ", " ", "  ", "   ", "    ", "\t", " \t", "", "-", " - ", "--"};
        String[] words = {"Main", "main", "Oak", "O'Neil", "St.", "x", "A".repeat(29), "b".repeat(31), "C".repeat(40),
                "de", "la", "del", "della", "van", "der", "e", "y", "lungo", "sous", "é", "Élan", "Mai\u0301n",
                "\u0301x", "\uD835\uDC00", "\uD835\uDC1Ab", "\uD835", "\uDC00", "ı", "İzmir", "שלום", "a-b", "’s",
                "mill-race", ".", "Ⅻ", "2nd"};
        String[] edges = {"", "", "", " ", ".", ",", "_", "-", "x", "é", "5", ".5", ",7", ". ", "١", "²", "\uD835\uDC00",
                "\n"};
        Random random = new Random(21);
        int matches = 0;
        for (int n = 0; n < 60_000; n++) {
            StringBuilder text = new StringBuilder(pick(random, edges));
            text.append(pick(random, numbers)).append(pick(random, blanks));
            for (int w = random.nextInt(6); w >= 0; w--) {
                text.append(pick(random, words)).append(pick(random, blanks));
            }
            text.append(pick(random, numbers)).append(pick(random, edges));
            if (random.nextBoolean()) {
                // Mostly well-formed: the particle and capital piece, single blanks, plain words and numbers.
                text.setLength(0);
                text.append(random.nextInt(4) == 0 ? pick(random, edges) : "").append(random.nextInt(999) + 1)
                        .append(' ');
                for (int w = random.nextInt(5); w >= 0; w--) {
                    text.append(pick(random, words)).append(random.nextInt(5) == 0 ? pick(random, blanks) : " ");
                }
                if (random.nextBoolean()) {
                    text.append(pick(random, new String[] {"de", "la", "del", "van", "e", "do"})).append(' ')
                            .append(pick(random, words)).append(' ');
                }
                text.append(random.nextInt(99) + 1).append(random.nextInt(4) == 0 ? "b" : "")
                        .append(pick(random, edges));
            }
            String t = text.toString();
            Matcher m = NUMBERED.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            for (int i = 0; i <= t.length(); i++) {
                int expected = m.region(i, t.length()).lookingAt() ? m.end() : -1;
                matches += expected >= 0 ? 1 : 0;
                assertThat(NumberedStreets.match(t, i)).as("%s at %d", t, i).isEqualTo(expected);
            }
        }
        // The generated texts reach the pattern's matches, not only its refusals.
        assertThat(matches).isGreaterThan(5_000);
    }

    private static String pick(Random random, String[] pieces) {
        return pieces[random.nextInt(pieces.length)];
    }
}
