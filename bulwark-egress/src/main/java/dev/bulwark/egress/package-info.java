/**
 * Governed HTTP egress: {@code http.fetch} and {@code http.post}. A URL is parsed strictly into a canonical
 * {@link dev.bulwark.egress.HttpTarget} (ASCII host, no userinfo, no disguised IP literal), its host is resolved once
 * per connection and every resolved address is checked against {@link dev.bulwark.egress.AddressRules} before the
 * connection is made to exactly that address (the hostname stays in SNI and Host). Redirects are followed only to the
 * same origin, each hop resolved and checked again; any other redirect is returned to the agent, so policy decides
 * the new host as a new call.
 */
package dev.bulwark.egress;
