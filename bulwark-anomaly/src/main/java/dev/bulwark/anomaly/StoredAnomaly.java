package dev.bulwark.anomaly;

import dev.bulwark.spi.Checks;
import java.util.List;

/**
 * An anomaly as kept in the database, with what was done about it.
 *
 * @param id        its id
 * @param anomaly   the anomaly
 * @param factsJson its facts as one JSON object
 * @param responses the responses carried out: {@code alert}, {@code risk}, {@code kill}; a failed one as
 *                  {@code <action>:failed}
 */
public record StoredAnomaly(String id, Anomaly anomaly, String factsJson, List<String> responses) {
    public StoredAnomaly {
        Checks.nonBlank(id, "id");
        Checks.present(anomaly, "anomaly");
        Checks.nonBlank(factsJson, "factsJson");
        responses = List.copyOf(responses);
    }
}
