package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class AddressStartsTest {

    private static int atNumber(String text) {
        return AddressStarts.shapesAt(TextShape.of(text), 0, TextShape.DIGITS);
    }

    private static int atWord(String text) {
        return AddressStarts.shapesAt(TextShape.of(text), 0, TextShape.WORD);
    }

    @Test
    void englishShapesNeedAStreetTypeWordAfterTheNumber() {
        assertThat(atNumber("12 Main Street") & AddressStarts.ENGLISH).isNotZero();
        assertThat(atNumber("12B N Oak Ave.") & AddressStarts.ENGLISH).isNotZero();
        assertThat(atNumber("12 Main people") & AddressStarts.ENGLISH).isZero();
        assertThat(atNumber("12 apples on Main Street") & AddressStarts.ENGLISH).isZero();
        assertThat(atNumber("12 Main\nStreet") & AddressStarts.ENGLISH).isZero();
    }

    @Test
    void romanceShapesStartWithAStreetWord() {
        assertThat(AddressStarts.romanceWord(TextShape.of("Rua Augusta 10"), 0)).isTrue();
        assertThat(AddressStarts.romanceWord(TextShape.of("Rubble 10"), 0)).isFalse();
        assertThat(atWord("Via Roma 4") & AddressStarts.ROMANCE).isNotZero();
        assertThat(atNumber("10, Via Roma 4") & AddressStarts.ROMANCE).isNotZero();
        assertThat(atNumber("10 Vienna 4") & AddressStarts.ROMANCE).isZero();
        assertThat(atNumber("10 ") & AddressStarts.ROMANCE).isZero();
    }

    @Test
    void germanicShapesAreAtMostTwoWordsBeforeTheNumber() {
        assertThat(AddressStarts.germanicWords(TextShape.of("Alte Poststrasse 3"), 0)).isTrue();
        assertThat(AddressStarts.germanicWords(TextShape.of("Karl - Marx 3"), 0)).isTrue();
        assertThat(AddressStarts.germanicWords(TextShape.of("one two three 3"), 0)).isFalse();
        assertThat(AddressStarts.germanicWords(TextShape.of("Poststrasse, 3"), 0)).isFalse();
        assertThat(atNumber("12 Alte Poststrasse 3") & AddressStarts.GERMANIC).isNotZero();
        assertThat(atNumber("12 one two three 3") & AddressStarts.GERMANIC).isZero();
    }

    @Test
    void boxesAndShipsHaveTheirOwnOpenings() {
        assertThat(atWord("P.O. Box 12") & AddressStarts.BOX).isNotZero();
        assertThat(atWord("po box 12") & AddressStarts.BOX).isNotZero();
        assertThat(atWord("Postal Office Box 12") & AddressStarts.BOX).isNotZero();
        assertThat(atWord("Unit 4, Box 9") & AddressStarts.BOX).isNotZero();
        assertThat(atWord("Paris") & AddressStarts.BOX).isZero();
        assertThat(atWord("Portland 12") & AddressStarts.BOX).isZero();
        assertThat(atWord("USS Enterprise, FPO AP 96543") & AddressStarts.SHIP).isNotZero();
        assertThat(atWord("USA 96543") & AddressStarts.SHIP).isZero();
    }

    @Test
    void numberedStreetsHaveOnlyWordsBetweenTheirNumbers() {
        assertThat(atNumber("12 Main 4") & AddressStarts.NUMBERED).isNotZero();
        assertThat(atNumber("12 Rue d’Orsay-Nord 4") & AddressStarts.NUMBERED).isNotZero();
        assertThat(atNumber("1234567 Main 4") & AddressStarts.NUMBERED).isZero();
        assertThat(atNumber("12,5") & AddressStarts.NUMBERED).isZero();
        assertThat(atNumber("12 Main, 4") & AddressStarts.NUMBERED).isZero();
        assertThat(atNumber("12 Main-4") & AddressStarts.NUMBERED).isZero();
    }

    @Test
    void noShapeStartsAtALongNumberOrOtherKinds() {
        assertThat(atNumber("1234567 Main Street")).isZero();
        assertThat(AddressStarts.shapesAt(TextShape.of("+12 Main Street"), 0, TextShape.SIGN)).isZero();
        assertThat(atNumber("12")).isZero();
        assertThat(atWord("\uD835\uDC00 12")).isZero();
    }

    /**
     * The checks are necessary: wherever a shape's pattern (as it was, for the hand-written ones) matches, its bit is
     * set.
     */
    @Test
    void everyStartWhereAShapeMatchesHasItsBit() {
        String[] pieces = {"12", "4", "221B", "12-14", "3/5", "1234567", " ", " ", "  ", "\t", ", ", "\n", "-", ".",
                "Main", "Street", "St.", "Ave", "N", "5th", "Oak", "Rua", "Via", "Calle", "de", "la", "Av.", "n°",
                "Hauptstraße", "Poststrasse", "Karl-Marx-Allee", "Erzsébet", "tér", "u.", "P.O.", "Box", "PO", "PSC",
                "Unit", "APO", "AE", "USS", "Enterprise", "FPO", "AP", "96543", "apples", "é", "\u0301", "\uD835\uDC00",
                "’", "x", "P.O. Box", "po box", "P O Box", "Postal Office Box", "Unit 7, Box", "CMR 480 Box",
                "USS Nimitz", "USNS Comfort, FPO AE", "FPO AP", "APO AA", "١٢", "１２", "x12"};
        Random random = new Random(51);
        int[] matches = new int[6];
        for (int n = 0; n < 30_000; n++) {
            String t = RandomTexts.of(random, pieces, 10, true);
            TextShape shape = TextShape.of(t);
            for (int k = 0; k < shape.count(); k++) {
                int i = shape.start(k);
                int bits = AddressStarts.shapesAt(shape, i, shape.kind(k));
                for (int s = 0; s < 6; s++) {
                    boolean match;
                    if (s == AddressRecognizer.NUMBERED_SHAPE) {
                        match = NumberedStreets.match(t, i) >= 0;
                    } else if (s == AddressRecognizer.ENGLISH_SHAPE) {
                        match = EnglishStreetsTest.ENGLISH.matcher(t).useTransparentBounds(true)
                                .useAnchoringBounds(false).region(i, t.length()).lookingAt();
                    } else if (s == AddressRecognizer.ROMANCE_SHAPE) {
                        match = RomanceStreetsTest.ROMANCE.matcher(t).useTransparentBounds(true)
                                .useAnchoringBounds(false).region(i, t.length()).lookingAt();
                    } else if (s == AddressRecognizer.GERMANIC_SHAPE) {
                        match = GermanicStreetsTest.GERMANIC.matcher(t).useTransparentBounds(true)
                                .useAnchoringBounds(false).region(i, t.length()).lookingAt();
                    } else {
                        Matcher m = AddressRecognizer.PATTERNS[s].matcher(t).useTransparentBounds(true)
                                .useAnchoringBounds(false);
                        match = m.region(i, t.length()).lookingAt();
                    }
                    if (!match) {
                        continue;
                    }
                    matches[s]++;
                    // AddressRecognizer looks at no start after the text's last run of digits.
                    boolean numberFromHere = false;
                    for (int d = k; d < shape.count(); d++) {
                        numberFromHere |= shape.kind(d) == TextShape.DIGITS;
                    }
                    assertThat(numberFromHere).as("a number at or after %d in %s", i, t).isTrue();
                    boolean passes = s == AddressRecognizer.GERMANIC_SHAPE && shape.kind(k) == TextShape.WORD
                            ? AddressStarts.germanicWords(shape, i) : (bits & 1 << s) != 0;
                    assertThat(passes).as("shape %d in %s at %d", s, t, i).isTrue();
                }
            }
        }
        for (int s = 0; s < 6; s++) {
            assertThat(matches[s]).as("matches of shape %d", s).isGreaterThan(20);
        }
    }
}
