package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void luhnAcceptsValidAndRejectsChangedNumbers() {
        assertThat(Checksums.luhn("4111 1111 1111 1111")).isTrue();
        assertThat(Checksums.luhn("378282246310005")).isTrue();
        assertThat(Checksums.luhn("4111 1111 1111 1112")).isFalse();
        assertThat(Checksums.luhn("")).isFalse();
    }

    @Test
    void ibanChecksMod97AndCountryLength() {
        assertThat(Checksums.iban("GB82WEST12345698765432")).isTrue();
        assertThat(Checksums.iban("gb82west12345698765432")).isTrue();
        assertThat(Checksums.iban("GB83WEST12345698765432")).isFalse();
        assertThat(Checksums.iban("GB82WEST1234569876543")).isFalse();
        assertThat(Checksums.iban("DE89370400440532013000")).isTrue();
    }

    @Test
    void ssnRejectsUnallocatedRanges() {
        assertThat(Checksums.ssn("536", "22", "8726")).isTrue();
        assertThat(Checksums.ssn("000", "22", "8726")).isFalse();
        assertThat(Checksums.ssn("666", "22", "8726")).isFalse();
        assertThat(Checksums.ssn("912", "22", "8726")).isFalse();
        assertThat(Checksums.ssn("536", "00", "8726")).isFalse();
        assertThat(Checksums.ssn("536", "22", "0000")).isFalse();
        assertThat(Checksums.ssn("123", "45", "6789")).isFalse();
    }

    @Test
    void entropySeparatesRandomFromRepetitive() {
        assertThat(Checksums.entropy("aaaaaaaaaaaaaaaa")).isZero();
        assertThat(Checksums.entropy("Zk9qT2xWd3pYcDNtQjhGc0hr")).isGreaterThan(3.5);
    }

    @Test
    void ibanAgreesWithABigIntegerModulusOnGeneratedCodes() {
        java.util.Random random = new java.util.Random(31);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int valid = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder b = new StringBuilder("XQ");
            int length = 15 + random.nextInt(20);
            for (int k = 2; k < length; k++) {
                b.append(k < 4 ? (char) ('0' + random.nextInt(10)) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String code = b.toString();
            String rearranged = code.substring(4) + code.substring(0, 4);
            StringBuilder digits = new StringBuilder();
            for (char c : rearranged.toCharArray()) {
                digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
            }
            boolean expected = new java.math.BigInteger(digits.toString()).mod(java.math.BigInteger.valueOf(97))
                    .intValue() == 1;
            assertThat(Checksums.iban(code)).as(code).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).isGreaterThan(100);
    }
}
