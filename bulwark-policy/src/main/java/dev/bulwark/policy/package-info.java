/**
 * Cedar-backed run-time authorization: {@link dev.bulwark.policy.CedarPolicyEngine}.
 *
 * <h2>Entity model (namespace {@code Bulwark})</h2>
 * <ul>
 *   <li><b>principal</b> {@code Bulwark::Agent::"<agent id>"}, member of {@code Bulwark::Role::"<role>"} for each
 *       of its roles; attributes: the agent's free attributes (strings) and {@code owner} (the registered owner
 *       wins over a free attribute of that name).</li>
 *   <li>under delegation the same call is decided a second time with principal
 *       {@code Bulwark::User::"<user id>"}, member of its roles, attributes its free attributes (strings). The call is
 *       allowed only when both decisions allow.</li>
 *   <li><b>action</b> the tool's kind: {@code Bulwark::Action::"read" | "write" | "egress" | "execute"}, each a member
 *       of the action group {@code Bulwark::Action::"call"}.</li>
 *   <li><b>resource</b> {@code Bulwark::Tool::"<tool name>"}, member of {@code Bulwark::Connector::"<connector>"} and
 *       {@code Bulwark::Kind::"<kind>"}; attributes {@code name}, {@code connector}, {@code kind} (strings) and
 *       {@code labels} (set of strings: the tool's output labels).</li>
 *   <li><b>context</b>:
 *     <ul>
 *       <li>{@code arguments}: the call's JSON arguments (objects → records, arrays → sets, integers → Long,
 *           fractions → decimal, null left out; see {@code ArgumentConversion} for the hostile-input rules);</li>
 *       <li>{@code session}: {@code {id: String, callCount: Long, labels: Set<String>, recentTools: Set<String>,
 *           riskMillis: Long}} (risk × 1000, rounded);</li>
 *       <li>{@code time}: {@code {epochSecond: Long, hourUtc: Long, dayOfWeekUtc: Long}} (1 = Monday … 7 = Sunday);</li>
 *       <li>{@code delegated}: Bool, whether the agent acts for a user;</li>
 *       <li>{@code agent}: the agent entity, so a user's evaluation can see which agent acts.</li>
 *     </ul></li>
 * </ul>
 *
 * <h2>Policy ids and obligations</h2>
 * A policy's id is its {@code @id("...")} annotation, else {@code <file name>#<n>} for the n-th policy (from 1) of
 * the file. Ids are unique across the directory. Every other annotation of a determining permit becomes an
 * {@link dev.bulwark.spi.policy.Obligation}, e.g. {@code @approval("manager")}.
 *
 * <h2>Schema</h2>
 * Every load and reload is validated in Cedar's strict mode against {@code bulwark.cedarschema} (this module's
 * resource, the one declaration of the model above), extended by a deployment's declarations of agent/user
 * attributes and arguments ({@code PolicySchema}); see {@link dev.bulwark.policy.PolicyValidation}.
 *
 * <h2>Errors</h2>
 * Any evaluation error denies, even when another permit applies: a condition on an argument that may be absent
 * must test {@code context.arguments has name} first.
 */
package dev.bulwark.policy;
