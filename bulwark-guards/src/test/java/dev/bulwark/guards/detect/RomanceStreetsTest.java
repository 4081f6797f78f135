package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RomanceStreetsTest {
    private static final String NUM = "\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,4}[A-Za-z]?)?";
    private static final String WORD = "[\\p{L}][\\p{L}\\p{M}'’.-]{0,30}+";
    private static final String ROMANCE_PREFIX = "(?:Rua|Rue|Via|Viale|Vicolo|Calle|Carrer|Avenida|Avda\\.?|Av\\.|"
            + "Avenue|Piazza|Piazzale|Plaza|Pra[çc]a|Travessa|Largo|Corso|Strada|Str\\.|Ulica|ul\\.|Aleja|al\\.|"
            + "Boulevard|Bd\\.?|Chemin|All[ée]e|Impasse|Quai|Place|Camino|Paseo|Carretera|Estrada|Rodovia|Alameda|"
            + "Ronda|Cesta|Trg|Bulevar|Odos|Leoforos|Sokak|Sok\\.|Caddesi|Cad\\.|Straße|Strasse|Utca|Út)";
    /** The pattern {@code AddressRecognizer} had for Romance streets. */
    static final Pattern ROMANCE = Pattern.compile("(?<![\\w.-])(?:" + NUM + "[ \\t,]{1,3}+)?" + ROMANCE_PREFIX
            + "[ \\t]{1,3}+(?:(?:" + WORD + "|" + AddressRecognizer.PARTICLE + ")[ \\t]{1,3}+){0,5}?"
            + AddressRecognizer.CAP + ",?[ \\t]{1,3}+(?:n[º°o]\\.?[ \\t]?)?" + NUM + "(?![\\p{L}\\p{N}])");
    /** Every word ROMANCE_PREFIX matches. */
    private static final String[] PREFIXES = {"Rua", "Rue", "Via", "Viale", "Vicolo", "Calle", "Carrer", "Avenida",
            "Avda", "Avda.", "Av.", "Avenue", "Piazza", "Piazzale", "Plaza", "Praça", "Praca", "Travessa", "Largo",
            "Corso", "Strada", "Str.", "Ulica", "ul.", "Aleja", "al.", "Boulevard", "Bd", "Bd.", "Chemin", "Allée",
            "Allee", "Impasse", "Quai", "Place", "Camino", "Paseo", "Carretera", "Estrada", "Rodovia", "Alameda",
            "Ronda", "Cesta", "Trg", "Bulevar", "Odos", "Leoforos", "Sokak", "Sok.", "Caddesi", "Cad.", "Straße",
            "Strasse", "Utca", "Út"};

    @Test
    void aStreetWordNamesAndAHouseNumber() {
        assertThat(RomanceStreets.match("Rua Augusta 10, Lisboa", 0)).isEqualTo(14);
        assertThat(RomanceStreets.match("3, Via del Corso 12", 0)).isEqualTo(19);
        assertThat(RomanceStreets.match("Calle Mayor, nº. 5b", 0)).isEqualTo(19);
        assertThat(RomanceStreets.match("Praça da Sé 12/3", 0)).isEqualTo(16);
        assertThat(RomanceStreets.match("Viale Monza 12-x", 0)).isEqualTo(14);
    }

    @Test
    void refusesWhatThePatternRefuses() {
        assertThat(RomanceStreets.match("Vias Roma 4", 0)).isEqualTo(-1);
        assertThat(RomanceStreets.match("xVia Roma 4", 1)).isEqualTo(-1);
        assertThat(RomanceStreets.match("Via roma 4", 0)).isEqualTo(-1);
        assertThat(RomanceStreets.match("Via a b c d e f Roma 4", 0)).isEqualTo(-1);
        assertThat(RomanceStreets.match("Via a b c d e Roma 4", 0)).isEqualTo(20);
        assertThat(RomanceStreets.match("Via Roma 1234567", 0)).isEqualTo(-1);
        assertThat(RomanceStreets.match("Via Roma 4a5", 0)).isEqualTo(-1);
    }

    @Test
    void emptyHugeAndOddTexts() {
        assertThat(RomanceStreets.match("", 0)).isEqualTo(-1);
        assertThat(RomanceStreets.match("Via", 0)).isEqualTo(-1);
        assertThat(RomanceStreets.match("Via " + "a ".repeat(50_000) + "Roma 4", 0)).isEqualTo(-1);
        assertThat(RomanceStreets.match("Via \uD835\uDC00 4", 0)).isEqualTo(8);
        assertThat(RomanceStreets.match("Via Ro\u0301ma 4\u0301", 0)).isEqualTo(11);
        assertThat(RomanceStreets.match("Via Roma 4١", 0)).isEqualTo(-1);
        assertThat(RomanceStreets.match("Via Roma ４", 0)).isEqualTo(-1);
        assertThat(RomanceStreets.match("Út İzmir 4", 0)).isEqualTo(10);
    }

    @Test
    void agreesWithThePatternOnGeneratedTexts() {
        String[] pieces = {"12", "4", "221B", "12-14", "3/5", "3/12345", "7-x", "1234567", " ", " ", "  ", "    ", "\t",
                ",", ", ", "de", "do", "dos", "della", "lungo", "e", "Roma", "roma", "Augusta", "Sé", "O'Neil", "d’Arc",
                "A".repeat(31), "b".repeat(32), "nº", "n°.", "no", "n.", "Ro\u0301ma", "\u0301x", "\uD835\uDC00",
                "\uD835", "ı", "İzmir", "שלום", "١", "Ⅻ", ".", "-", "_", "x", "5", "\n", "Vias", "Ulicа", "Roma 4",
                "Augusta 10b", "Sé 12/3", "Mayor, nº 5", "Paz n° 7-1", "\uD835\uDC00 9", "Ro\u0301ma 4\u0301"};
        Random random = new Random(65);
        int matches = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            if (random.nextBoolean()) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            if (random.nextBoolean()) {
                text.append(random.nextInt(999)).append(random.nextBoolean() ? ", " : " ");
            }
            text.append(PREFIXES[random.nextInt(PREFIXES.length)]).append(random.nextInt(5) == 0 ? "\t" : " ");
            for (int p = random.nextInt(8); p >= 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(4) > 0) {
                    text.append(' ');
                }
            }
            String t = text.toString();
            Matcher m = ROMANCE.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            for (int i = 0; i <= t.length(); i++) {
                int expected = m.region(i, t.length()).lookingAt() ? m.end() : -1;
                matches += expected >= 0 ? 1 : 0;
                assertThat(RomanceStreets.match(t, i)).as("%s at %d", t, i).isEqualTo(expected);
            }
        }
        // The generated texts reach the pattern's matches, not only its refusals.
        assertThat(matches).isGreaterThan(5_000);
    }
}
