package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class UnitsTest {

    private static int match(String text) {
        return Units.match(text, 0, text.length());
    }

    @Test
    void aKeywordAndANumberOnTheSameOrTheNextLine() {
        assertThat(match(", Apt 4, Springfield")).isEqualTo(7);
        assertThat(match(" Suite #12B")).isEqualTo(11);
        assertThat(match("\n> FLOOR 3")).isEqualTo(10);
        assertThat(match(" No.7")).isEqualTo(5);
        assertThat(match(" # 5")).isEqualTo(4);
    }

    @Test
    void keywordsAreTriedInThePatternsOrder() {
        // "Floor" leaves "3" for the number; "Fl" would need a digit after one letter.
        assertThat(match(" Floor 3")).isEqualTo(8);
        assertThat(match(" Flo3")).isEqualTo(5);
        assertThat(match(" Aptx12")).isEqualTo(7);
    }

    @Test
    void refusesWhatThePatternRefuses() {
        assertThat(match(" Apt 123456")).isEqualTo(-1);
        assertThat(match(" Apt 12_")).isEqualTo(-1);
        assertThat(match("    Apt 1")).isEqualTo(-1);
        assertThat(match(",, Apt 1")).isEqualTo(-1);
        assertThat(match(" Apt  1")).isEqualTo(-1);
        assertThat(Units.match(" Apt 12", 0, 6)).isEqualTo(6);
        assertThat(Units.match(" Apt 1x", 0, 6)).isEqualTo(6);
    }

    @Test
    void emptyHugeAndOddTexts() {
        assertThat(match("")).isEqualTo(-1);
        assertThat(match(" ".repeat(100_000) + "\nApt 1")).isEqualTo(100_006);
        assertThat(match(" ΑPT 1")).isEqualTo(-1);
        assertThat(match(" Apt ١")).isEqualTo(-1);
        assertThat(match(" Apt 1é")).isEqualTo(6);
        assertThat(match(" Apt 1\uD835\uDC00")).isEqualTo(6);
        assertThat(match(" Apt ſ1")).isEqualTo(-1);
    }

    @Test
    void agreesWithThePatternOnGeneratedTexts() {
        String[] pieces = {" ", "  ", "\t", ",", ", ", "\n", "\r\n", "\r", ">", "\n> ", "Apt", "APT", "apt.", "Apartment",
                "Suite", "Ste", "unit", "Flat", "Floor", "Fl", "Room", "rm", "Bldg", "Building", "#", "# ", "No",
                "No.", "nO", "Piano", "zimmer", "Bus", "Appartamento", "piso", "Appt", "4", "12", "12345", "123456", "B", "x", "_", "é", "\u0301", "\uD835\uDC00", "١", "ſ",
                "K", ".", "-", " Apt 4", ", Suite #12B", "\nFloor 3", " No. 7", " Fl x2"};
        Random random = new Random(49);
        int matches = 0;
        for (int n = 0; n < 40_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int p = random.nextInt(7); p >= 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            int limit = random.nextInt(3) == 0 ? random.nextInt(t.length() + 1) : t.length();
            Matcher m = AddressTailsTest.UNIT.matcher(t);
            for (int from = 0; from <= limit; from++) {
                int expected = m.region(from, limit).lookingAt() ? m.end() : -1;
                matches += expected >= 0 ? 1 : 0;
                assertThat(Units.match(t, from, limit)).as("%s at %d to %d", t, from, limit).isEqualTo(expected);
            }
        }
        // The generated texts reach the pattern's matches, not only its refusals.
        assertThat(matches).isGreaterThan(5_000);
    }
}
