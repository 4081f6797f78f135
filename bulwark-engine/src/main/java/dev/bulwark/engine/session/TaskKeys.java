package dev.bulwark.engine.session;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.session.SessionRefusedException;
import java.util.regex.Pattern;

/**
 * Which session (agent task) a call belongs to. A task outlives its transport, so the key never depends on the MCP
 * session id: reconnecting, switching replica or fetching a new token keeps the task and what it has seen.
 *
 * <ul>
 *   <li>No task named: the task is the principal itself ({@code agent:<agent>} plus {@code |user:<user>} under
 *       delegation). An agent cannot shed its labels by reconnecting; they go when the session is idle for the
 *       configured time.</li>
 *   <li>A task named (MCP {@code _meta["bulwark/task"]}): honoured only for an agent registered with the
 *       {@value #TASK_STARTER} role, i.e. an orchestrator an admin trusts to start tasks. Anyone else naming a task is
 *       refused, so an ordinary agent cannot choose a fresh task to shed its labels. The key stays scoped to the
 *       principal, so one starter's task ids never touch another's.</li>
 * </ul>
 */
public final class TaskKeys {
    /** The agent role allowed to name tasks. */
    public static final String TASK_STARTER = "task-starter";
    /** Task ids: visible, separator-free, short. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private TaskKeys() {}

    /**
     * The session key of a call.
     *
     * @param requestedTask the task id the request named, or {@code null}
     * @throws SessionRefusedException when a task is named by a principal without the right, or is malformed
     */
    public static String of(Principal principal, String requestedTask) throws SessionRefusedException {
        Checks.present(principal, "principal");
        String key = "agent:" + principal.agent().id()
                + (principal.user().isPresent() ? "|user:" + principal.user().get().id() : "");
        if (requestedTask == null) {
            return key;
        }
        if (!TASK_ID.matcher(requestedTask).matches()) {
            throw new SessionRefusedException("task ids are 1 to 128 of [A-Za-z0-9._:-]");
        }
        if (!principal.agent().roles().contains(TASK_STARTER)) {
            throw new SessionRefusedException("only agents with the " + TASK_STARTER + " role may name a task");
        }
        return key + "|task:" + requestedTask;
    }
}
