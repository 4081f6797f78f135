package dev.bulwark.egress;

import java.util.List;

/**
 * What one egress call brought back.
 *
 * @param url         the URL of the final response (after same-origin redirects)
 * @param status      HTTP status
 * @param contentType the response's media type, or empty
 * @param body        the body decoded as text (charset of the response, else UTF-8), at most the size limit
 * @param truncated   whether the body was cut off at the size limit
 * @param redirectTo  for a redirect that was not followed (another host, or too many), its target; else null
 * @param hops        the URLs requested, in order
 */
public record FetchResult(String url, int status, String contentType, String body, boolean truncated,
                          String redirectTo, List<String> hops) {
    public FetchResult {
        hops = List.copyOf(hops);
    }
}
