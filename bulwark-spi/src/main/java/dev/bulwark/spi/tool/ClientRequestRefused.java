package dev.bulwark.spi.tool;

/**
 * A request an upstream sent to the agent's client was not answered by the client: the gateway refused it or the
 * client answered with an error. The upstream receives {@link #code()} and the message, so the message must not hold
 * anything the upstream may not learn.
 */
public final class ClientRequestRefused extends Exception {
    /** JSON-RPC: the method is not available (no such feature, or the client did not declare the capability). */
    public static final int METHOD_NOT_FOUND = -32601;
    /** JSON-RPC: the request is not acceptable (refused by policy, no call to attribute it to). */
    public static final int INVALID_REQUEST = -32600;
    /** JSON-RPC: the params are not acceptable (too large, malformed). */
    public static final int INVALID_PARAMS = -32602;
    /** JSON-RPC: the client failed or did not answer in time. */
    public static final int INTERNAL_ERROR = -32603;

    private final int code;

    public ClientRequestRefused(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The JSON-RPC error code to answer the upstream with. */
    public int code() {
        return code;
    }
}
