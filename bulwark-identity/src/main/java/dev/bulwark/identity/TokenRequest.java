package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request to the token endpoint, free of HTTP.
 *
 * @param parameters       the form parameters, each with every value it was given (repeats are refused later)
 * @param basicCredentials client credentials from an {@code Authorization: Basic} header, if any
 */
public record TokenRequest(Map<String, List<String>> parameters, Optional<ClientCredentials> basicCredentials) {
    public TokenRequest {
        Checks.present(parameters, "parameters");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((name, values) -> copy.put(Checks.present(name, "parameter name"),
                List.copyOf(Checks.present(values, "values of " + name))));
        parameters = Map.copyOf(copy);
        Checks.present(basicCredentials, "basicCredentials");
    }

    /** A request whose parameters each have one value; convenient in tests and for callers with a simple map. */
    public static TokenRequest of(Map<String, String> parameters, Optional<ClientCredentials> basicCredentials) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        parameters.forEach((k, v) -> multi.put(k, List.of(v)));
        return new TokenRequest(multi, basicCredentials);
    }

    /** Adapts a servlet-style parameter map ({@code ServletRequest.getParameterMap()}). */
    public static TokenRequest fromParameterArrays(Map<String, String[]> parameters,
                                                   Optional<ClientCredentials> basicCredentials) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        parameters.forEach((k, v) -> multi.put(k, Arrays.asList(v)));
        return new TokenRequest(multi, basicCredentials);
    }

    @Override
    public String toString() {
        return "TokenRequest[parameters=" + parameters.keySet() + ", basicCredentials="
                + basicCredentials.map(ClientCredentials::clientId).orElse("none") + "]";
    }
}
