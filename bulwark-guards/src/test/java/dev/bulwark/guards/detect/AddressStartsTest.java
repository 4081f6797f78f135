package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

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
}
